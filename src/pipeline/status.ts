// `folio status`: per report, each edition's state — current, stale (with the sections of the
// original that changed since, when git history holds the version the translation was made
// from) or broken (it has errors) — and its length in words.
import { sourceText } from './words.ts';
import { loadProject, type LoadOptions } from './load.ts';
import { display } from './paths.ts';
import { compareLanguageCodes, sourceEditions, stateOf } from './editions.ts';
import { changedSections, findEarlierVersion } from './history.ts';
import type { Report } from '../model/types.ts';
import { outline } from '../model/outline.ts';
import { parseEdition } from '../parse/parse.ts';
import { sortedUnique, type Diagnostic } from '../shared/diagnostic.ts';

export type EditionStatusState = 'current' | 'stale' | 'broken' | 'draft';

export interface EditionStatus {
  lang: string;
  /** The edition's file, as messages show it. */
  file: string;
  original: boolean;
  state: EditionStatusState;
  /** Stale or broken, a translation may also lag behind: its hash against the original's. */
  stale: boolean;
  words: number;
  errors: number;
  warnings: number;
  /** Its errors, in file and position order: what makes it broken (a draft's: what is left to do). */
  problems: Diagnostic[];
  /** A draft: how many of the report's planned sections it has written, and the ids of those it
   * has not (in the plan's order). */
  written?: { sections: number; of: number; toWrite: string[] };
  /** For a stale translation whose earlier original git history holds: what changed since. */
  changedSince?: { commit: string; sections: string[] };
}

export interface ReportStatus {
  slug: string;
  /** Language of the original edition, and its file. */
  original?: string;
  originalFile?: string;
  /** The original first, then by language. */
  editions: EditionStatus[];
  /** Errors of the report's own files (report.yaml), which break every edition. */
  problems: Diagnostic[];
}

export interface StatusResult {
  reports: ReportStatus[];
  /** 0 unless an edition (or a report's plan) is broken. */
  exitCode: 0 | 1;
}

/** Words a reader reads: runs of letters or digits between spaces, in any script. */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(token)) n++;
  return n;
}

/** Every word of an edition: title, summary, section headings and text, notes. */
export function reportWords(report: Report): number {
  return countWords([report.meta.title, report.summaryText, ...report.sections.flatMap((s) => [s.titleText, s.text]), ...report.footnotes.map((n) => n.text)].join('\n'));
}

/** A draft's progress: the planned sections it has text in, and those still to write. From its
 * text's outline: a draft with anything left to write has errors, and so no model. */
function progress(planned: readonly string[], text: string): NonNullable<EditionStatus['written']> {
  const done = new Set(outline(parseEdition('draft.md', text).tree).sections.filter((section) => section.body.length > 0).map((section) => section.id));
  const toWrite = planned.filter((id) => !done.has(id));
  return { sections: planned.length - toWrite.length, of: planned.length, toWrite };
}

export function status(options: LoadOptions): StatusResult {
  // Drafts too: a translator follows one's progress here, and its problems break nothing.
  const project = loadProject({ ...options, drafts: 'include' });
  let broken = false;
  const reports = project.reports.map((r): ReportStatus => {
    if (r.diagnostics.some((d) => d.severity === 'error')) broken = true;
    const sources = sourceEditions(r.dir);
    const originalLang = r.plan?.original;
    const original = sources.find((s) => s.lang === originalLang);
    const history = new Map<string, EditionStatus['changedSince']>();
    const editions = r.editions.map((e): EditionStatus => {
      const source = sources.find((s) => s.lang === e.lang);
      const problems = sortedUnique(e.diagnostics.filter((d) => d.severity === 'error'));
      const errors = problems.length;
      const isOriginal = e.lang === originalLang;
      const stale = source !== undefined && stateOf(source, original) === 'stale';
      if (errors > 0 && !e.draft) broken = true;
      const status: EditionStatus = {
        lang: e.lang,
        file: e.path,
        original: isOriginal,
        state: e.draft ? 'draft' : errors > 0 ? 'broken' : stale ? 'stale' : 'current',
        stale,
        words: e.report ? reportWords(e.report) : source ? countWords(sourceText(source.text)) : 0,
        errors,
        warnings: e.diagnostics.filter((d) => d.severity !== 'error').length,
        problems,
        ...(e.draft && r.plan && source ? { written: progress(r.plan.sections, source.text) } : {}),
      };
      const recorded = source?.sourceHash;
      if (stale && original && recorded) {
        if (!history.has(recorded)) {
          const earlier = findEarlierVersion(original.file, recorded);
          history.set(recorded, earlier ? { commit: earlier.commit, sections: changedSections(earlier.text, original.text) } : undefined);
        }
        const changed = history.get(recorded);
        if (changed) status.changedSince = changed;
      }
      return status;
    });
    editions.sort((a, b) => Number(b.original) - Number(a.original) || compareLanguageCodes(a.lang, b.lang));
    const originalFile = r.editions.find((e) => e.lang === originalLang)?.path ?? (original ? display(original.file) : undefined);
    const problems = sortedUnique(r.diagnostics.filter((d) => d.severity === 'error'));
    return { slug: r.slug, ...(originalLang ? { original: originalLang } : {}), ...(originalFile ? { originalFile } : {}), editions, problems };
  });
  return { reports, exitCode: broken ? 1 : 0 };
}


