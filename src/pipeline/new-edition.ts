// `folio new-edition <report> <lang>`: the start of a translation. Front matter with the hash of
// the original as it stands, every section's heading with its id, and the original's text (and
// notes) commented out beside each, for the translator to replace. Comments are never published,
// and until a section is translated the checks report it empty: nothing half-done goes out.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RootContent } from 'mdast';
import { FolioError } from '../shared/errors.ts';
import { outline } from '../model/outline.ts';
import { parseEdition } from '../parse/parse.ts';
import { langPattern, sourceEditions } from './editions.ts';
import { display } from './paths.ts';
import { readPlan } from '../checks/report-plan.ts';
import { labelsFile, labelsLanguage, loadReportType } from '../templates/load.ts';
import { formatDiagnostic } from '../shared/diagnostic.ts';

export interface NewEditionOptions {
  sourceDir: string;
  templatesDir: string;
  report: string;
  lang: string;
}

export interface NewEdition {
  /** The file written. */
  file: string;
  sections: number;
  notes: number;
  /** Things to do before the edition can build, beyond translating. */
  todo: string[];
}

/** Text inside `<!-- … -->`: a `-->` in it would end the comment early. */
function commented(text: string): string {
  return `<!--\n${text.trim().replace(/-->/g, '-- >')}\n-->`;
}

export function scaffold(text: string, originalLang: string, hash: string, country: string): { text: string; sections: number; notes: number } {
  const { tree } = parseEdition('original.md', text);
  const slice = (nodes: RootContent[]) =>
    nodes.length === 0 ? '' : text.slice(nodes[0]!.position?.start.offset ?? 0, nodes.at(-1)!.position?.end.offset ?? 0);
  const front = tree.children[0]?.type === 'yaml' ? tree.children[0].value : '';
  const field = (key: string) => new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(front)?.[1]?.trim();
  const { summary, sections } = outline(tree);
  const notes = tree.children.filter((n) => n.type === 'footnoteDefinition');
  const lines = [
    '---',
    `title: ${field('title') ?? '""'}  # translate the title`,
    `country: ${field('country') ?? JSON.stringify(country)}  # the country's name in this language`,
    `source-hash: ${hash}`,
    'draft: true  # builds leave the edition out until this line is removed',
    '---',
    '',
    `<!-- A translation of ${originalLang}.md. Replace each commented original below with its translation;`,
    `     keep every {#id} and note label ([^1]) as they are. source-hash records the version of the`,
    `     original this was made from: \`folio status\` says when the original changes after it. -->`,
    '',
    commented(slice(summary)),
  ];
  for (const section of sections) {
    lines.push('', `## ${section.title} {#${section.id}}`, '', commented(slice(section.body)));
  }
  if (notes.length > 0) lines.push('', commented(notes.map((n) => slice([n])).join('\n\n')));
  return { text: `${lines.join('\n')}\n`, sections: sections.length, notes: notes.length };
}

export function newEdition(options: NewEditionOptions): NewEdition {
  const dir = join(options.sourceDir, options.report);
  if (!existsSync(join(dir, 'report.yaml'))) {
    throw new FolioError(`no report "${options.report}" in ${display(options.sourceDir)} (expected ${display(join(dir, 'report.yaml'))})`);
  }
  if (!langPattern.test(options.lang)) {
    throw new FolioError(`"${options.lang}" is not a language code; expected one such as fr, kk or pt-BR`);
  }
  const file = join(dir, `${options.lang}.md`);
  if (existsSync(file)) throw new FolioError(`${display(file)} already exists; edit it, or delete it to start again`);
  const planFile = join(dir, 'report.yaml');
  const { plan, diagnostics } = readPlan(display(planFile), readFileSync(planFile, 'utf8'), (type) => loadReportType(options.templatesDir, type));
  if (!plan) throw new FolioError(`cannot read the report's plan: ${diagnostics.map(formatDiagnostic).join('; ')}`, 1);
  const original = sourceEditions(dir).find((e) => e.lang === plan.original);
  if (!original) throw new FolioError(`the original edition ${display(join(dir, `${plan.original}.md`))} named in report.yaml is missing`);
  if (options.lang === plan.original) throw new FolioError(`${options.lang} is the original's language; a translation needs another`);
  const made = scaffold(original.text, plan.original, original.recordHash, plan.country);
  writeFileSync(file, made.text, { flag: 'wx' });
  const todo: string[] = [];
  if (!labelsLanguage(options.templatesDir, options.lang)) {
    todo.push(`add ${display(labelsFile(options.templatesDir, options.lang))}, translating every label of ${display(labelsFile(options.templatesDir, 'en'))}`);
  }
  return { file: display(file), sections: made.sections, notes: made.notes, todo };
}
