// Finds every report under source/, reads its plan and editions, parses and checks each edition
// once, and builds the Report model of every edition that passes.
import { readdirSync } from 'node:fs';
import type { Root } from 'mdast';
import { join } from 'node:path';
import { checkEdition } from '../checks/index.ts';
import type { Plan } from '../checks/context.ts';
import { byPosition, fromVFile, type Diagnostic } from '../shared/diagnostic.ts';
import { readPlan } from '../checks/report-plan.ts';
import { editionFailures, FolioError, stopsTheBuild } from '../shared/errors.ts';
import { discover, requireTemplates } from './discover.ts';
import { readSource } from './read.ts';
import { parseEdition } from '../parse/parse.ts';
import { labelsLanguage, loadReportType, missingLabels } from '../templates/load.ts';
import { display } from './paths.ts';
import type { ReportType } from '../templates/types.ts';
import { buildReport } from '../model/build.ts';
import { textParsed } from './tiers.ts';

import type { EditionRef, Report } from '../model/types.ts';
import type { OriginalEdition } from '../checks/context.ts';
import { describeOriginal, outlineOf, type OriginalOutline } from '../checks/translation-original.ts';
import { draftLanguages, editionRefs, editionLike, langPattern, sourceEditions, type SourceEdition } from './editions.ts';
import { changedSections, findEarlierVersion } from './history.ts';

/** Larger than any report needs (the seed is 14 KB); beyond it parsing time grows for nothing. */
export const maxEditionBytes = 2 * 1024 * 1024;
const maxPlanBytes = 256 * 1024;

export interface EditionResult {
  lang: string;
  /** A draft (`draft: true`), loaded because it was named or drafts were asked for. */
  draft?: true;
  /** Path as shown in messages, relative to the working directory. */
  path: string;
  report?: Report;
  diagnostics: Diagnostic[];
}

export interface ReportResult {
  slug: string;
  dir: string;
  plan?: Plan;
  reportType?: ReportType;
  editions: EditionResult[];
  /** Problems of report.yaml itself. */
  diagnostics: Diagnostic[];
  /** Languages of drafts left out (`draft: true`; every edition, when the original is one). */
  drafts?: string[];
  /** The original as its translations were checked against it, when one was (for the manifest). */
  originalOutline?: OriginalOutline;
}

export interface Project {
  reports: ReportResult[];
}

export interface LoadOptions {
  sourceDir: string;
  templatesDir: string;
  /** `slug` or `slug/lang` filters; empty means everything. */
  only?: string[];
  /** Drafts (`draft: true`) are left out unless `only` names them (slug/lang, or the report of a
   * draft original); 'include' loads them all, marked (`folio status`). */
  drafts?: 'include';
}


export function loadProject(options: LoadOptions): Project {
  const only = options.only ?? [];
  const wanted = (slug: string, lang?: string) =>
    only.length === 0 || only.some((o) => o === slug || (lang !== undefined && o === `${slug}/${lang}`) || (lang === undefined && o.startsWith(`${slug}/`)));
  const found = discover(options.sourceDir);
  requireTemplates(options.templatesDir);
  const slugs = found.slugs.filter((slug) => wanted(slug));
  for (const o of only) {
    if (!slugs.includes(o.split('/')[0])) throw new FolioError(`--only ${o}: no report "${o.split('/')[0]}" in ${options.sourceDir}`);
  }
  const named = (slug: string, lang: string) => only.some((o) => o === `${slug}/${lang}`);
  const reports = slugs.map((slug) => loadReport(options, slug, (lang) => wanted(slug, lang), undefined,
    options.drafts === 'include' ? () => true : (lang, reportDraft) => named(slug, lang) || (reportDraft && only.includes(slug))));
  for (const o of only.filter((o) => o.includes('/'))) {
    const [slug, lang] = o.split('/');
    if (!reports.some((r) => r.slug === slug && r.editions.some((e) => e.lang === lang))) {
      throw new FolioError(`--only ${o}: report "${slug}" has no edition ${lang}.md`);
    }
  }
  // Folders that look like reports but cannot be read are reported, never skipped in silence.
  if (only.length === 0 && found.problems.length > 0) reports.push({ slug: '', dir: options.sourceDir, editions: [], diagnostics: found.problems });
  return { reports };
}

export function loadReport(
  options: LoadOptions, slug: string, wantLang: (lang: string) => boolean,
  /** The sibling list, when the caller has already read it from the sources (a build reads every
   * edition's front matter, or knows it by hash, before it loads anything): not read again here. */
  siblings?: readonly EditionRef[],
  /** Whether to load a draft of `lang` (the whole report a draft, when `reportDraft`); without
   * it, drafts load as any edition (a build has left them out already). */
  loadDraft?: (lang: string, reportDraft: boolean) => boolean,
  /** The original as an earlier build read it (from the manifest): used instead of parsing it when
   * its text is the same and only translations are loaded. */
  knownOriginal?: OriginalOutline,
): ReportResult {
  const dir = join(options.sourceDir, slug);
  const planFile = join(dir, 'report.yaml');
  const read = readSource(planFile, options.sourceDir, maxPlanBytes);
  if ('problem' in read) return { slug, dir, editions: [], diagnostics: [read.problem] };
  let planResult: ReturnType<typeof readPlan>;
  try {
    planResult = readPlan(display(planFile), read.text, (type) => loadReportType(options.templatesDir, type));
  } catch (error) {
    if (stopsTheBuild(error)) throw error;
    return { slug, dir, editions: [], diagnostics: editionFailures(error, display(planFile)) };
  }
  const result: ReportResult = {
    slug,
    dir,
    plan: planResult.plan,
    reportType: planResult.reportType,
    editions: [],
    diagnostics: planResult.diagnostics,
  };
  const files = readdirSync(dir).filter(editionLike).sort();
  // Every edition's text, hash and front matter: read only when needed (the sibling list not given,
  // or a translation's original).
  let sources: SourceEdition[] | undefined;
  const sourcesNow = (): SourceEdition[] => (sources ??= sourceEditions(dir));
  const originalLang = result.plan?.original;
  // The original as translations' reference, made only when a translation is loaded: from the
  // original's own load when that comes first (one parse), else parsed for the purpose.
  const translating = files.some((f) => f.slice(0, -3) !== originalLang && langPattern.test(f.slice(0, -3)) && wantLang(f.slice(0, -3)));
  let original: OriginalEdition | undefined | null = null;
  const describe = (tree?: Root) => {
    try {
      const source = originalLang ? sourcesNow().find((e) => e.lang === originalLang) : undefined;
      original = originalLang ? originalOf(dir, originalLang, source, tree ?? (knownOriginal?.text === source?.hash ? knownOriginal : undefined)) : undefined;
      if (original && source) result.originalOutline = outlineOf(original, source.hash);
    } catch (error) {
      if (stopsTheBuild(error)) throw error;
      // The original cannot be read as a translation's reference: its own load says why.
      original = undefined;
    }
  };
  const originalForTranslations = (): OriginalEdition | undefined => {
    if (original === null) describe();
    return original ?? undefined;
  };
  // The report's drafts (front matters peeked); the original among them when the report is one.
  let drafts: Set<string> | undefined;
  const draftsNow = (): Set<string> => (drafts ??= draftLanguages(sourcesNow(), originalLang));
  const draftOf = (lang: string): 'edition' | 'report' | undefined =>
    !draftsNow().has(lang) ? undefined : originalLang !== undefined && draftsNow().has(originalLang) ? 'report' : 'edition';
  // The original first, so that its tree is the translations' reference.
  const order = [...files].sort((a, b) => Number(b === `${originalLang}.md`) - Number(a === `${originalLang}.md`));
  for (const name of order) {
    const lang = name.slice(0, -3);
    const path = display(join(dir, name));
    if (!langPattern.test(lang)) {
      result.diagnostics.push({ file: path, line: 1, column: 1, severity: 'error', ruleId: 'report:plan',
        message: `Unexpected edition file name "${name}", expected a language code such as en.md or fr.md`,
        hint: 'name each edition by its language code; other Markdown files do not belong in a report folder' });
      continue;
    }
    if (!wantLang(lang)) continue;
    const draft = loadDraft ? draftOf(lang) : undefined;
    if (draft && !loadDraft!(lang, draft === 'report')) {
      (result.drafts ??= []).push(lang);
      continue;
    }
    const reference = result.plan && lang !== result.plan.original ? originalForTranslations() : undefined;
    const onOriginal = lang === originalLang && translating ? describe : undefined;
    const edition = loadEdition(join(dir, name), path, lang, slug, result, reference, options.sourceDir, onOriginal);
    if (!labelsLanguage(options.templatesDir, lang)) {
      edition.diagnostics.push(missingLabels(options.templatesDir, lang, path));
      delete edition.report;
    }
    result.editions.push(draft ? { ...edition, draft: true } : edition);
  }
  result.editions.sort((a, b) => (`${a.lang}.md` < `${b.lang}.md` ? -1 : 1));
  if (result.plan && !files.includes(`${result.plan.original}.md`)) {
    // At the value of `original:`; with the edition it stands for, when the folder has one under a
    // code it begins or ends ("eng", "EN" or "en-GB" for en.md). Not one merely close: "fr" is as
    // close to "en" as any two codes are.
    const at = /^original:[ \t]*['"]?/m.exec(read.text);
    const before = at ? read.text.slice(0, at.index + at[0].length) : '';
    const written = result.plan.original.toLowerCase();
    const near = files.map((name) => name.slice(0, -3)).find((lang) => written.startsWith(lang.toLowerCase()) || lang.toLowerCase().startsWith(written));
    result.diagnostics.push({
      file: display(planFile), line: at ? before.split('\n').length : 1, column: at ? before.length - before.lastIndexOf('\n') : 1, severity: 'error', ruleId: 'report:plan',
      message: `Original edition "${result.plan.original}.md" named in report.yaml not found`,
      hint: near ? `did you mean "original: ${near}", the edition ${near}.md?` : `add ${slug}/${result.plan.original}.md`,
    });
  }
  // Siblings come from the source folder, not from what passed this run: a sibling with errors
  // keeps its published files, and the links to them stay.
  if (result.plan) {
    const refs = siblings ? [...siblings] : editionRefs(sourcesNow().filter((e) => !draftsNow().has(e.lang)), result.plan.original, slug);
    for (const edition of result.editions) if (edition.report) edition.report.editions = refs;
  }
  return result;
}

/** The original as the translation rules see it, from its tree or as an earlier build read the
 * same text, else parsed; its history looked up only when asked. */
function originalOf(dir: string, lang: string, source: ReturnType<typeof sourceEditions>[number] | undefined, read?: Root | OriginalOutline): OriginalEdition | undefined {
  if (!source) return undefined;
  const path = display(join(dir, `${lang}.md`));
  const known = new Map<string, ReturnType<NonNullable<OriginalEdition['changesSince']>>>();
  return describeOriginal(read ?? parseEdition(path, source.text).tree, path, source.recordHash, (hash) => {
    if (!known.has(hash)) {
      const earlier = findEarlierVersion(source.file, hash);
      known.set(hash, earlier ? { commit: earlier.commit, sections: changedSections(earlier.text, source.text) } : undefined);
    }
    return known.get(hash);
  });
}

function loadEdition(
  file: string, path: string, lang: string, slug: string, owner: ReportResult, original: OriginalEdition | undefined, sourceDir: string,
  /** Given the original's tree as parsed, before the checks and the model change it. */
  onOriginal?: (tree: Root) => void,
): EditionResult {
  const read = readSource(file, sourceDir, maxEditionBytes);
  if ('problem' in read) return { lang, path, diagnostics: [read.problem] };
  const source = read.text;
  textParsed(source.length);
  try {
    const { tree, file: vfile } = parseEdition(path, source);
    onOriginal?.(tree);
    if (!owner.plan) {
      return { lang, path, diagnostics: [] };
    }
    const isOriginal = lang === owner.plan.original;
    checkEdition(tree, vfile, { plan: owner.plan, reportType: owner.reportType, lang, isOriginal, ...(isOriginal || !original ? {} : { original }) });
    const diagnostics = fromVFile(vfile).sort(byPosition);
    if (diagnostics.some((d) => d.severity === 'error')) return { lang, path, diagnostics };
    const report = buildReport({ slug, lang, sourcePath: path, source, tree, frontmatter: vfile.data.frontmatter ?? {}, plan: owner.plan, places: vfile.data.frontmatterPlaces, planPlaces: { file: owner.plan.file, places: owner.plan.places } });
    return { lang, path, report, diagnostics };
  } catch (error) {
    if (stopsTheBuild(error)) throw error;
    // A failure inside one edition (a bug, or input no rule foresaw) stays that edition's problem.
    return { lang, path, diagnostics: editionFailures(error, path) };
  }
}

/** Every diagnostic of the project, in file and position order. */
export function allDiagnostics(project: Project): Diagnostic[] {
  return project.reports.flatMap((r) => [...r.diagnostics, ...r.editions.flatMap((e) => e.diagnostics)]).sort(byPosition);
}
