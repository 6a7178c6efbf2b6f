// The build manifest, dist/.folio-manifest.json: for every edition published in the output
// directory, the hash of everything its outputs were made from, the files it has there, and what
// the index needs to list it. A build compares the hashes with the sources' to render only what
// changed; the index is made from it rather than by reading every output back. Anything
// unexpected in it (missing, unreadable, another Folio's) means a full rebuild, never a wrong file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Direction } from '../model/types.ts';
import type { Format } from '../render/types.ts';
import type { Diagnostic } from '../shared/diagnostic.ts';
import type { OriginalOutline } from '../checks/translation-original.ts';

export const manifestName = '.folio-manifest.json';
const kind = 'folio-manifest';
const version = 1;

export interface OutputEntry {
  /** Path relative to the output directory, with forward slashes: `kazakhstan-2022/kazakhstan-2022.fr.pdf`. */
  file: string;
  /** Hash of everything this file was made from (see outputKey). */
  key: string;
}

export interface EditionEntry {
  slug: string;
  lang: string;
  title: string;
  dir: Direction;
  isOriginal: boolean;
  /** Hash of the edition's inputs: its text, its original's, its report folder, templates, Folio. */
  inputs: string;
  outputs: Partial<Record<Format, OutputEntry>>;
  /** Warnings found when the edition was checked, repeated by a build that skips it. */
  warnings: Diagnostic[];
  /** The source text's hash and the front matter the sibling list reads from it, so an unchanged
   * edition's YAML is not parsed again. */
  source?: { hash: string; title?: string; sourceHash?: string };
}

export interface ReportEntry {
  /** Hash of report.yaml and the folder's other files when the report was last checked. */
  inputs: string;
  /** report.yaml's `original` then, so an unchanged report.yaml is not parsed again. */
  original?: string;
  /** What the translation rules last read of the original (its notes and headings), with the hash
   * of its text: a translation edited alone is checked without parsing the original again. */
  originalOutline?: OriginalOutline;
  warnings: Diagnostic[];
}

export interface Manifest {
  kind: typeof kind;
  version: typeof version;
  /** Folio's identity (a hash of its code); a manifest of another Folio is not trusted. */
  folio: string;
  /** Set in the part one shard of a CI matrix builds (`2/4`); a merged or whole build has none. */
  shard?: string;
  /** Hash of the index page's inputs when it was written. */
  index?: string;
  reports: Record<string, ReportEntry>;
  editions: Record<string, EditionEntry>;
}

export function emptyManifest(folio: string): Manifest {
  return { kind, version, folio, reports: {}, editions: {} };
}

export type ManifestRead = { manifest: Manifest } | { manifest?: undefined; problem: string };

/** The manifest of an output directory, or why it cannot be trusted. */
export function readManifest(outDir: string, folio?: string): ManifestRead {
  const file = join(outDir, manifestName);
  if (!existsSync(file)) return { problem: 'no manifest' };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { problem: `${manifestName} is not valid JSON` };
  }
  const problem = shapeProblem(value);
  if (problem) return { problem: `${manifestName} ${problem}` };
  const manifest = value as Manifest;
  if (folio !== undefined && manifest.folio !== folio) return { problem: `${manifestName} was written by another version of Folio` };
  return { manifest };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** An OriginalOutline as written: a wrong one would check translations against another text. */
function isOutline(v: unknown): v is OriginalOutline {
  return isObject(v) && isString(v.text) && Array.isArray(v.notes) && Array.isArray(v.titles) &&
    v.notes.every((n) => Array.isArray(n) && n.length === 3 && isString(n[0]) && isString(n[1]) && Array.isArray(n[2]) && n[2].every((s) => s === null || isString(s))) &&
    v.titles.every((t) => Array.isArray(t) && t.length === 2 && isString(t[0]) && isString(t[1]));
}

/** What is wrong with a parsed manifest, checked field by field: it comes from disk, and a
 * half-trusted manifest could publish a stale file. */
function shapeProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.kind !== kind) return 'is not a Folio manifest';
  if (value.version !== version) return `has version ${String(value.version)}, expected ${version}`;
  if (!isString(value.folio) || !isObject(value.reports) || !isObject(value.editions)) return 'is incomplete';
  for (const [name, report] of Object.entries(value.reports)) {
    if (!isObject(report) || !isString(report.inputs) || !Array.isArray(report.warnings) || (report.original !== undefined && !isString(report.original))) {
      return `has a broken entry for ${name}`;
    }
    if (report.originalOutline !== undefined && !isOutline(report.originalOutline)) return `has a broken entry for ${name}`;
  }
  for (const [name, e] of Object.entries(value.editions)) {
    if (!isObject(e) || `${String(e.slug)}/${String(e.lang)}` !== name) return `has a broken entry for ${name}`;
    if (![e.title, e.inputs].every(isString) || (e.dir !== 'ltr' && e.dir !== 'rtl') || typeof e.isOriginal !== 'boolean') {
      return `has a broken entry for ${name}`;
    }
    if (!isObject(e.outputs) || !Array.isArray(e.warnings)) return `has a broken entry for ${name}`;
    if (e.source !== undefined && (!isObject(e.source) || !isString(e.source.hash) || ![e.source.title, e.source.sourceHash].every((v) => v === undefined || isString(v)))) {
      return `has a broken entry for ${name}`;
    }
    for (const output of Object.values(e.outputs)) {
      if (!isObject(output) || !isString(output.file) || !isString(output.key) || output.file.includes('..') || output.file.startsWith('/')) {
        return `has a broken entry for ${name}`;
      }
    }
  }
  return undefined;
}

/** The manifest as written: entries in name order, so the same build writes the same bytes. */
export function serializeManifest(manifest: Manifest): string {
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const { shard, index, ...rest } = manifest;
  return `${JSON.stringify({
    kind: rest.kind,
    version: rest.version,
    folio: rest.folio,
    ...(shard === undefined ? {} : { shard }),
    ...(index === undefined ? {} : { index }),
    reports: sorted(rest.reports),
    editions: sorted(rest.editions),
  }, null, 1)}\n`;
}
