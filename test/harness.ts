// Runs many generated editions through the whole pipeline in this process (load, check, model,
// every writer, the audit), for the CommonMark corpus and the property-based fuzzing: each
// edition is a report folder inside a copy of the seed, and its outcome is one of built (every
// output, for validators to read), refused (with positioned errors) or failed (Folio's fault).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../src/pipeline/load.ts';
import { renderEdition } from '../src/pipeline/render-edition.ts';
import { formats } from '../src/render/registry.ts';
import type { Format } from '../src/render/types.ts';
import type { Diagnostic } from '../src/shared/diagnostic.ts';
import { internalRule } from '../src/shared/errors.ts';
import { fixedDate, planYaml, sourceDir, templatesDir } from './helpers.ts';

/** The languages a case's edition is written in: the seed's original, and its right-to-left
 * edition (made the original of its case). */
export type CaseLang = 'en' | 'ar';

/** The seed's edition in `lang` around a generated text: its front matter, summary, background
 * heading and first paragraph before it, the next paragraph after it. */
function seedFrame(lang: CaseLang): { head: string; tail: string } {
  const paragraphs = readFileSync(join(sourceDir, 'kazakhstan-2022', `${lang}.md`), 'utf8').split('\n\n');
  // A translation's record of its original goes: each case's edition is an original.
  const front = paragraphs[0]!.replace(/^source-hash: .*\n/mu, '');
  return { head: `${front}\n\n${paragraphs[1]}\n\n${paragraphs[2]}\n\n${paragraphs[3]}\n\n`, tail: `\n\n${paragraphs[4]}\n` };
}
const frames = { en: seedFrame('en'), ar: seedFrame('ar') };

/** An edition of the seed with `body` inside its background section. */
export function seedWith(body: string, lang: CaseLang = 'en'): string {
  return `${frames[lang].head}${body}${frames[lang].tail}`;
}

export type Outcome =
  | { kind: 'built'; outputs: Partial<Record<Format, Uint8Array | string>>; warnings: Diagnostic[] }
  | { kind: 'refused'; errors: Diagnostic[] }
  | { kind: 'failed'; message: string };

export interface Case {
  /** The edition's text. */
  markdown: string;
  /** Its language, and the report's original (default en). */
  lang?: CaseLang;
  /** Other files of the report folder (images). */
  files?: Record<string, string | Uint8Array>;
}

/** A source folder holding one report per case, `case-0`, `case-1`, … */
export function writeCases(cases: readonly Case[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'folio-cases-'));
  cases.forEach((c, i) => {
    const report = join(dir, `case-${i}`);
    mkdirSync(report);
    writeFileSync(join(report, 'report.yaml'), planYaml(['background'], c.lang ?? 'en'));
    writeFileSync(join(report, `${c.lang ?? 'en'}.md`), c.markdown);
    for (const [name, data] of Object.entries(c.files ?? {})) writeFileSync(join(report, name), data);
  });
  return dir;
}

/** Every case through the pipeline, in order. Loading or rendering that throws is a failure. */
export async function runCases(cases: readonly Case[], wanted: readonly Format[] = formats): Promise<Outcome[]> {
  const dir = writeCases(cases);
  try {
    return await runIn(dir, cases, wanted);
  } finally {
    // Thousands of cases a fuzz run (and its shrinking): leave no folder of them behind.
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runIn(dir: string, cases: readonly Case[], wanted: readonly Format[]): Promise<Outcome[]> {
  let project: ReturnType<typeof loadProject>;
  try {
    project = loadProject({ sourceDir: dir, templatesDir });
  } catch (error) {
    return cases.map(() => ({ kind: 'failed', message: `loading: ${(error as Error).message}` }));
  }
  const outcomes: Outcome[] = [];
  for (let i = 0; i < cases.length; i++) {
    const report = project.reports.find((r) => r.slug === `case-${i}`);
    const edition = report?.editions[0];
    const diagnostics = [...(report?.diagnostics ?? []), ...(edition?.diagnostics ?? [])];
    const internal = diagnostics.find((d) => d.ruleId === internalRule);
    if (internal) {
      outcomes.push({ kind: 'failed', message: internal.message });
      continue;
    }
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !edition?.report) {
      outcomes.push({ kind: 'refused', errors });
      continue;
    }
    try {
      const outcome = await renderEdition({ report: edition.report, templatesDir, sourceDir: dir, date: fixedDate.getTime(), formats: wanted });
      if (outcome.ok) {
        outcomes.push({ kind: 'built', outputs: Object.fromEntries(outcome.outputs.map((o) => [o.format, o.data])), warnings: diagnostics });
      } else if ('internal' in outcome) {
        outcomes.push({ kind: 'failed', message: outcome.internal });
      } else {
        outcomes.push({ kind: 'refused', errors: outcome.diagnostics });
      }
    } catch (error) {
      outcomes.push({ kind: 'failed', message: `rendering: ${(error as Error).message}` });
    }
  }
  return outcomes;
}

/** Why a refusal is not one a user can act on: no file, line or column, or no rule id. */
export function unpositioned(errors: readonly Diagnostic[]): Diagnostic[] {
  return errors.filter((d) => !d.file || !(d.line >= 1) || !(d.column >= 1) || !d.ruleId);
}
