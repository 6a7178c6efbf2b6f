// What every output depends on, found without parsing Markdown or loading a writer: the report
// folders and their edition files, and a content hash of each input. A no-op build decides from
// these hashes and the manifest alone, so it reads bytes and hashes them, and nothing else.
import { createHash, hash as oneShotHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { discover, requireTemplates } from './discover.ts';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { quickMapping } from '../shared/yaml.ts';
import { languageNameIn } from '../templates/load.ts';
import { readContained } from '../shared/files.ts';
import type { EditionRef } from '../model/types.ts';
import { draftLanguages, editionHash, editionRefs, langPattern, peekFrontMatter, readmePattern, recordHash, type EditionFront } from './editions.ts';

export { langPattern };

export function sha256(...parts: (string | Uint8Array)[]): string {
  return sha256Of(parts);
}

/** sha256 of any number of parts (a folder's files: more than a call's arguments can hold). */
export function sha256Of(parts: readonly (string | Uint8Array)[]): string {
  // Each part followed by a separator, so ("ab", "c") and ("a", "bc") differ. Parts that are all
  // text (most: an edition's keys are hashes of hashes) are hashed in one call, as one string.
  if (parts.every((part) => typeof part === 'string')) return oneShotHash('sha256', parts.length ? `${parts.join('\0')}\0` : '', 'hex');
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** A front matter line that may say `draft:`, as bytes. */
const draftBytes = Buffer.from('\ndraft');

/** sha256 of bytes, as editionHash gives for the text they encode. Node's one-shot hash: no Hash
 * object to make, update and finish, ~5 µs less an edition read (a no-op build reads them all). */
function sha256Bytes(bytes: Uint8Array): string {
  return oneShotHash('sha256', bytes, 'hex');
}

export interface SourceEdition {
  slug: string;
  lang: string;
  /** `slug/lang`: the edition's name in messages, the manifest and --only. */
  name: string;
  file: string;
  /** sha256 of the edition's text (what a translation records as `source-hash`). */
  hash: string;
  /** Size of the file, bytes: how much there is to set (src/pipeline/tiers.ts). */
  size: number;
  /** Its front matter's title and source-hash, as the sibling list needs them. */
  front: FrontPeek;
}

export interface FrontPeek {
  title?: string;
  sourceHash?: string;
}

export interface SourceReport {
  slug: string;
  dir: string;
  /** The original's language as report.yaml names it (undefined when report.yaml cannot say). */
  original?: string;
  /** sha256 of report.yaml and every other file in the folder but the editions (images). */
  hash: string;
  /** Its editions to build: every one but the drafts. */
  editions: SourceEdition[];
  /** Languages of its drafts (`draft: true`): never built, never listed; every edition, when the
   * original is one. */
  drafts: string[];
  /** The editions as each one's outputs list them (alternates, language switcher), read from the
   * sources' front matter: the same list whether or not an edition builds. */
  refs: EditionRef[];
}

/** Every report folder under the source directory (see discover.ts), sorted. */
export function reportSlugs(sourceDir: string): string[] {
  return discover(sourceDir).slugs;
}

/** A report folder's inputs. `known` gives the front matter of texts already seen (by hash, from
 * the manifest), so an unchanged edition's YAML is not parsed again. */
export function readSourceReport(
  sourceDir: string,
  slug: string,
  known: (hash: string) => FrontPeek | undefined = () => undefined,
  /** report.yaml's `original` when the folder's hash is one already seen (from the manifest). */
  knownOriginal: (hash: string) => string | undefined = () => undefined,
): SourceReport {
  const dir = join(sourceDir, slug);
  // One listing of the folder serves the editions (at its top) and the other files (anywhere).
  const entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  const sources: (EditionFront & { file: string; size: number })[] = entries
    .filter((entry) => entry.parentPath === dir && entry.name.endsWith('.md') && langPattern.test(entry.name.slice(0, -3)))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = join(dir, name);
      // Read as sourceEditions (editions.ts) does: a folder, a pipe or a link out of the sources
      // reads as empty here, and loading the edition says why.
      const read = readContained(file, dirname(dir), 2 * 1024 * 1024, name);
      const bytes = 'data' in read ? Buffer.from(read.data.buffer, read.data.byteOffset, read.data.byteLength) : Buffer.alloc(0);
      // Valid UTF-8 hashes as its text does (what editionHash and source-hash see), without
      // decoding it: an unchanged edition's text is never needed, its front matter is known.
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      const hash = isUtf8(bytes) ? sha256Bytes(bytes.subarray(bom)) : editionHash(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      // What a translation records of it: its hash, but for a text with a `draft:` line (found
      // in the bytes: a line of ASCII), whose hash is taken without it.
      const text = bytes.includes(draftBytes) ? bytes.toString('utf8', bom) : undefined;
      const front = (text === undefined ? known(hash) : undefined) ?? peekFrontMatter(text ?? bytes.toString('utf8', bom));
      return { lang: name.slice(0, -3), file, hash, recordHash: text === undefined ? hash : recordHash(text), size: bytes.length, ...front };
    });
  const assets: (string | Uint8Array)[] = [];
  let plan: Buffer | undefined;
  // Each file by its path in the folder, with forward slashes; by code point, as the templates
  // are: the same order on every machine, whatever its locale. Made by slicing, not by path.join
  // and path.relative: a no-op build of a big collection did little else than normalise paths.
  const files = entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => ({ entry, rel: entry.parentPath === dir ? entry.name : `${entry.parentPath.slice(dir.length + 1).split(sep).join('/')}/${entry.name}` }))
    .filter(({ rel }) => !(rel.endsWith('.md') && langPattern.test(rel.slice(0, -3))) && !readmePattern.test(rel))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const { entry, rel } of files) {
    const bytes = readFileSync(join(entry.parentPath, entry.name));
    if (rel === 'report.yaml') plan = bytes;
    assets.push(rel, bytes);
  }
  const hash = sha256Of(assets);
  const original = knownOriginal(hash) ?? (plan ? originalOf(plan) : undefined);
  // A draft is as if its file were not there yet; a draft original, the whole report.
  const drafts = draftLanguages(sources, original);
  const published = sources.filter((e) => !drafts.has(e.lang));
  const editions: SourceEdition[] = published.map((e) => ({ slug, lang: e.lang, name: `${slug}/${e.lang}`, file: e.file, hash: e.hash, size: e.size, front: { title: e.title, sourceHash: e.sourceHash } }));
  return { slug, dir, original, hash, editions, drafts: [...drafts], refs: editionRefs(published, original ?? '', slug) };
}

function pathOf(entry: { parentPath: string; name: string }): string {
  return join(entry.parentPath, entry.name);
}

function originalOf(bytes: Buffer): string | undefined {
  try {
    const text = bytes.toString('utf8');
    const quick = quickMapping(text);
    const value = quick ? quick.value.original : (parseYaml(text) as { original?: unknown } | null)?.original;
    return typeof value === 'string' ? value : undefined;
  } catch {
    // The checks report a broken report.yaml; the key only needs to be stable.
    return undefined;
  }
}

/** Hashes of the templates: the labels of each language apart, everything else together, so a
 * label change rebuilds only that language's editions (and, when it is the language's own name,
 * the editions whose language switcher shows it). */
export interface TemplateHashes {
  shared: string;
  labels: Map<string, string>;
  /** `language-name` of each labels file. */
  languageNames: Map<string, string>;
}

export function hashTemplates(templatesDir: string): TemplateHashes {
  const shared: (string | Uint8Array)[] = [];
  const labels = new Map<string, string>();
  const languageNames = new Map<string, string>();
  requireTemplates(templatesDir);
  const entries = readdirSync(templatesDir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => relative(templatesDir, pathOf(e)).split(sep).join('/'))
    .sort();
  for (const rel of entries) {
    const bytes = readFileSync(join(templatesDir, rel));
    const label = /^labels\/([^/]+)\.yaml$/.exec(rel);
    if (label) {
      labels.set(label[1], sha256(bytes));
      languageNames.set(label[1], languageNameOf(bytes));
    } else {
      shared.push(rel, bytes);
    }
  }
  return { shared: sha256Of(shared), labels, languageNames };
}

/** A labels file's `language-name` (see templates/load.ts). */
export function languageNameOf(bytes: Buffer): string {
  return languageNameIn(bytes.toString('utf8'));
}

/** The labels an edition in this language reads: its own, else its primary language's (see
 * labelsLanguage in templates/load.ts). */
function labelsLanguage(templates: TemplateHashes, lang: string): string | undefined {
  return [lang, lang.split('-')[0]].find((l) => templates.labels.has(l));
}

const labelsHashes = new WeakMap<TemplateHashes, Map<string, string>>();

export function labelsHash(templates: TemplateHashes, lang: string): string {
  // Asked for every edition of a collection: hashed once a language.
  let known = labelsHashes.get(templates);
  if (!known) labelsHashes.set(templates, (known = new Map()));
  let hash = known.get(lang);
  if (hash === undefined) {
    const found = labelsLanguage(templates, lang);
    hash = found === undefined ? 'none' : sha256(found, templates.labels.get(found)!);
    known.set(lang, hash);
  }
  return hash;
}

/** Hash of a report's sibling list as its outputs show it: each edition's language, title,
 * direction, state, and its language's name in its own labels. */
export function siblingsHash(templates: TemplateHashes, refs: readonly EditionRef[]): string {
  return sha256(JSON.stringify(refs.map((r) => ({ ...r, name: templates.languageNames.get(labelsLanguage(templates, r.lang) ?? '') ?? r.lang }))));
}

declare const __FOLIO_BUILD_ID__: string | undefined;

/** Folio's own identity: a hash of its code, fixed when lib/ is compiled (scripts/compile.js,
 * which hashes how it compiles too), else computed from the sources (running under tsx or the
 * tests). A new Folio rebuilds all, and so does a switch between the sources and lib/, which
 * compress some streams differently. */
export function folioIdentity(): string {
  if (typeof __FOLIO_BUILD_ID__ === 'string') return __FOLIO_BUILD_ID__;
  const src = join(dirname(fileURLToPath(import.meta.url)), '..');
  const root = join(src, '..');
  const parts: (string | Uint8Array)[] = [];
  for (const rel of readdirSync(src, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(src, rel);
    if (statSync(path).isFile()) parts.push(rel, readFileSync(path));
  }
  for (const name of ['package.json', 'package-lock.json']) {
    if (existsSync(join(root, name))) parts.push(name, readFileSync(join(root, name)));
  }
  return sha256Of(parts);
}

/** The font files the theme names, each by what it is (not by where or when it was written, so CI
 * machines agree): a file inside an installed npm package by the package's name and version, its
 * path in the package and its size; any other file by its content. A published package version
 * never changes, so reading and hashing its ~6 MB of fonts on every build (~6 ms of CPU) tells
 * nothing more; a package patched in place under node_modules is no more noticed than Folio's own
 * installed code would be. */
export function hashFiles(files: readonly string[]): string {
  return sha256Of([...new Set(files)].sort().flatMap((f) => {
    const installed = installedFile(f);
    return installed === undefined ? [basename(f), readFileSync(f)] : [basename(f), installed];
  }));
}

/** `name@version/path size` of a file inside an npm package (the folder below the path's last
 * node_modules, two below for a scoped package), or undefined for any other file. */
export function installedFile(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  const depth = parts[at + 1]?.startsWith('@') ? 2 : 1;
  if (at < 0 || parts.length <= at + depth + 1) return undefined;
  const root = parts.slice(0, at + depth + 1).join(sep);
  let manifest: { name?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  const name = parts.slice(at + 1, at + depth + 1).join('/');
  // The folder is that package, as npm installed it: its name is the folder's.
  if (manifest.name !== name || typeof manifest.version !== 'string' || manifest.version === '') return undefined;
  return `${name}@${manifest.version}/${parts.slice(at + depth + 1).join('/')} ${statSync(file).size}`;
}
