// The editions of a report as its source folder holds them, read without the full pipeline: each
// one's language, hash, title and recorded `source-hash`. An edition's siblings (alternates,
// language switcher, JSON `editions`) come from here, so a sibling that fails its checks in this
// build, or is left out by --only, is still linked: its previously published files stay in dist/.
// One that fails and was never published is left out by the build (build.ts), having no files.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readContained } from '../shared/files.ts';
import { parse as parseYaml } from 'yaml';
import { quickMapping } from '../shared/yaml.ts';
import { directionOf } from '../model/direction.ts';
import type { EditionRef, EditionState } from '../model/types.ts';

/** As src/pipeline/load.ts refuses anything larger. */
const maxSourceBytes = 2 * 1024 * 1024;

/** Language codes an edition file may be named by: `fr.md`, `pt-BR.md`. */
export const langPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A README (any case) beside the reports or the editions: notes for the editors and translators,
 * never published and never taken for an edition. */
export const readmePattern = /^readme\.md$/i;

/** A Markdown file but a README: an edition, or one misnamed (the editor meant one). */
export function editionLike(name: string): boolean {
  return name.endsWith('.md') && !readmePattern.test(name);
}

/** Orders language codes as Unicode's root collation does (what `localeCompare` gives on a machine
 * in English): letters whatever their case, digits before letters and `-` before both, and on a
 * tie lower case first (`pt-br` before `pt-BR`). Written out because `localeCompare` sets up an
 * ICU collator on first use (~5 ms of a build's start-up) and follows the machine's locale, where
 * the order of published lists must not. */
export function compareLanguageCodes(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a === b ? 0 : a < b ? 1 : -1;
}

export interface SourceEdition {
  lang: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** The text, byte-order mark removed. */
  text: string;
  /** sha256 (hex) of the text. */
  hash: string;
  /** What a translation made from it records as `source-hash` (recordHash). */
  recordHash: string;
  title?: string;
  sourceHash?: string;
  /** `draft: true` in its front matter: a translation (or, on the original, a report) still being
   * written, which builds leave out and checks take only when named (--only slug/lang). */
  draft?: true;
}

/** What the sibling list reads of an edition (no text: a build knows it by hash). */
export type EditionFront = Omit<SourceEdition, 'text' | 'file'>;

/** sha256 of an edition's text. */
export function editionHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A `draft:` line of the front matter, with its line end. */
const draftLine = /^---\r?\n(?:(?!---[ \t]*\r?\n).*\r?\n)*?(draft[ \t]*:.*(?:\r?\n|$))/;

/** What a translation records in `source-hash` of the original it was made from: the sha256 of
 * its text without the front matter's `draft:` line, so that translations made while the original
 * was a draft are current once it is published (the line removed), as when it is one again. */
export function recordHash(text: string): string {
  const draft = draftLine.exec(text);
  if (!draft) return editionHash(text);
  const at = draft.index + draft[0].length - draft[1]!.length;
  return editionHash(text.slice(0, at) + text.slice(at + draft[1]!.length));
}

/** The front matter's `title`, `source-hash` and `draft: true`, when the file opens with readable front matter. */
export function peekFrontMatter(text: string): { title?: string; sourceHash?: string; draft?: true } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
  if (!match) return {};
  let data: unknown;
  try {
    data = quickMapping(match[1]!)?.value ?? parseYaml(match[1]!);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object') return {};
  const record = data as Record<string, unknown>;
  return {
    ...(typeof record.title === 'string' ? { title: detached(record.title) } : {}),
    ...(typeof record['source-hash'] === 'string' ? { sourceHash: detached(record['source-hash']) } : {}),
    ...(record.draft === true ? { draft: true as const } : {}),
  };
}

/** A string cut from a larger one, copied on its own (structuredClone copies every UTF-16 unit).
 * V8 keeps a cut as a slice of the whole text, so a title kept for the whole build (the manifest,
 * the sibling lists) kept its edition's whole text alive: ~10 KB an edition of the generated
 * collections, more of real reports. */
function detached(value: string): string {
  return structuredClone(value);
}

/** Every edition file of a report folder (named by a language code), sorted by language. */
export function sourceEditions(dir: string): SourceEdition[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && langPattern.test(name.slice(0, -3)))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      // A folder, a pipe or a link out of the sources named like an edition reads as empty here;
      // loading the edition reports why (src/pipeline/read.ts).
      const read = readContained(file, dirname(dir), maxSourceBytes, name);
      const text = 'data' in read ? Buffer.from(read.data).toString('utf8').replace(/^\uFEFF/, '') : '';
      return { lang: name.slice(0, -3), file, text, hash: editionHash(text), recordHash: recordHash(text), ...peekFrontMatter(text) };
    });
}

/** The languages of a report's drafts: those with `draft: true`, or every edition when the
 * original is one (the report is a draft). */
export function draftLanguages(editions: readonly { lang: string; draft?: true }[], originalLang: string | undefined): Set<string> {
  const reportDraft = editions.some((e) => e.lang === originalLang && e.draft);
  return new Set(editions.filter((e) => reportDraft || e.draft).map((e) => e.lang));
}

/** Whether a translation was made from the original as it stands now. */
export function stateOf(edition: EditionFront, original: EditionFront | undefined): EditionState {
  if (!original || edition.lang === original.lang) return 'current';
  return edition.sourceHash === original.recordHash ? 'current' : 'stale';
}

/** The sibling list every edition of a report shares: the original first, then by language. */
export function editionRefs(editions: readonly EditionFront[], originalLang: string, slug: string): EditionRef[] {
  const original = editions.find((e) => e.lang === originalLang);
  return editions
    .map((e) => ({
      lang: e.lang,
      dir: directionOf(e.lang),
      title: e.title ?? slug,
      isOriginal: e.lang === originalLang,
      state: stateOf(e, original),
    }))
    .sort((a, b) => Number(b.isOriginal) - Number(a.isOriginal) || compareLanguageCodes(a.lang, b.lang));
}
