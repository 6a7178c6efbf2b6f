// Reads the shared templates. YAML keys are kebab-case (as editors write them); the code sees
// camelCase. Every template is read once per process and cached.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LineCounter, parseDocument, parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { display } from '../shared/display.ts';
import { TemplateError } from '../shared/errors.ts';
import { label, labelWithOrigin } from '../shared/label.ts';
import { wholeAt, type Place } from '../shared/origin.ts';
import { lineColumn, quickMapping } from '../shared/yaml.ts';
import { offsetPlaces, valuePlaces, type Places } from '../shared/yaml-places.ts';
import { closest } from '../shared/suggest.ts';
import { checkTheme } from './theme-check.ts';
import type { FontFace, Labels, Part, ReportType, Site, Theme } from './types.ts';

export const defaultParts: readonly Part[] = ['disclaimer', 'back-link', 'title', 'summary', 'contents', 'sections', 'notes'];

const require = createRequire(import.meta.url);

function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Deep copy with kebab-case keys turned to camelCase; maps listed in `keep` keep their keys. */
function camelKeys(value: unknown, keep: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((v) => camelKeys(v, keep));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[camel(k)] = keep.has(k) ? v : camelKeys(v, keep);
    }
    return out;
  }
  return value;
}

/** A problem of a template's text at `offset`, as the build reports it. */
function problem(file: string, text: string, offset: number, message: string, hint: string, ruleId: string): Diagnostic {
  return { file: display(file), ...lineColumn(text, offset), severity: 'error', message, ruleId, hint };
}

/** The error a template's problems stop the build (or an edition) with: exit 1, each at its line. */
function templateErrors(problems: Diagnostic[]): TemplateError {
  const [first] = problems;
  return new TemplateError(`${first!.file}:${first!.line}:${first!.column}: ${first!.message}`, { diagnostics: problems });
}

interface YamlFile {
  text: string;
  value: unknown;
  places: (name?: (key: string) => string) => Places;
}

/** A template file as YAML: its text, what it says, and where each top-level value is written (by
 * its key as `name` gives it), read by the fast reader where it can (src/shared/yaml.ts), else by
 * `yaml`. A missing file is a TemplateError; YAML in error one with every error's position. */
function yamlDocument(file: string): YamlFile {
  if (!existsSync(file)) throw new TemplateError(`${file}: template not found`);
  const text = readFileSync(file, 'utf8');
  const quick = quickMapping(text);
  if (quick) return { text, value: quick.value, places: (name) => offsetPlaces(text, quick.values, name) };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const hint = 'write one `key: value` per line; quote a value that contains ": " or starts with [ { # " or \'';
  if (doc.errors.length > 0) {
    throw templateErrors(doc.errors.map((error) => problem(file, text, error.pos[0], `Invalid YAML: ${error.message.split('\n')[0]}`, hint, 'template:yaml')));
  }
  try {
    // A handful of aliases is plenty; a "billion laughs" document expands exponentially.
    return { text, value: doc.toJS({ maxAliasCount: 50 }), places: (name) => valuePlaces(doc, lineCounter, name) };
  } catch (error) {
    throw templateErrors([problem(file, text, 0, `Invalid YAML: ${(error as Error).message.split('\n')[0]}`, 'write the values out instead of repeating them with &anchors and *aliases', 'template:yaml')]);
  }
}

function readYaml(file: string): YamlFile {
  const read = yamlDocument(file);
  requireObject(file, read);
  return read;
}

function requireObject(file: string, read: YamlFile): Record<string, unknown> {
  const { value } = read;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw templateErrors([problem(file, read.text, 0, 'Expected a mapping of keys to values at the top level', 'write one `key: value` per line, starting at the line\'s first column', 'template:yaml')]);
  }
  return value as Record<string, unknown>;
}

/** Where the value of a top-level key is written in a template's text (its line's start when the
 * key is there, else the file's start). */
function keyOffset(text: string, key: string): number {
  const found = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm').exec(text);
  return found?.index ?? 0;
}

const cache = new Map<string, unknown>();

/** Forgets every template read, for a process that builds again after they may have changed
 * (watch mode, a library caller). */
export function clearTemplateCache(): void {
  cache.clear();
}

function cached<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

export function loadTheme(templatesDir: string): Theme {
  return cached(`theme:${templatesDir}`, () => {
    const file = join(templatesDir, 'theme.yaml');
    const read = readYaml(file);
    const problems = checkTheme(display(file), read.text, read.value);
    if (problems.length > 0) throw templateErrors(problems);
    const theme = camelKeys(read.value) as Theme;
    // Writers get font files by absolute path, so none of them resolves packages itself.
    const missing: Diagnostic[] = [];
    for (const face of Object.values(theme.fonts) as FontFace[]) {
      for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
        const spec = face[style];
        if (!spec) continue;
        try {
          face[style] = resolveFontFile(spec);
        } catch (error) {
          // A package that is there without the file: the path in the theme is wrong (a package
          // that is not there at all is the machine's problem: npm install).
          if (!packageInstalled(spec)) throw error;
          missing.push(problem(file, read.text, Math.max(0, read.text.indexOf(spec)), `Theme: font file "${spec}" is not in its package`,
            `the package ${packageName(spec)} is installed but has no such file: check the path against the files in node_modules/${packageName(spec)}`, 'template:theme'));
        }
      }
    }
    if (missing.length > 0) throw templateErrors(missing);
    return theme;
  });
}

/** The npm package a font file's path names: `@scope/name` or `name`. */
function packageName(spec: string): string {
  return spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
}

/** Whether the package a font file's path names is installed where Node would look for it. */
function packageInstalled(spec: string): boolean {
  return (require.resolve.paths(spec) ?? []).some((dir) => existsSync(join(dir, packageName(spec), 'package.json')));
}

/** Absolute path of a font file named in the theme (an npm package path). */
export function resolveFontFile(spec: string): string {
  try {
    return require.resolve(spec);
  } catch (error) {
    throw new TemplateError(`font file "${spec}" named in templates/theme.yaml is not installed; run npm install`, {
      cause: error,
    });
  }
}

interface RawLabels extends Omit<Labels, 'formats'> {
  formats: Labels['formats'];
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface LabelValues {
  /** The country's name in the edition's language. */
  country: string;
  /** The country's name in report.yaml, from which web addresses are made. */
  countryId: string;
  region: string;
  lang: string;
  year: number;
  title: string;
}

/** Keys every labels file must have, as written in YAML. */
export const requiredLabels = [
  'language-name', 'publisher', 'disclaimer', 'back-link', 'back-link-url', 'contents', 'notes',
  'note-reference', 'back-to-reference', 'page-of', 'editions', 'index-title', 'formats', 'language-switcher',
  'table', 'months', 'date',
] as const;

/** The labels language of an edition: its own (`pt-BR`), else its primary language (`pt`); never
 * another language's, so a French page cannot come out saying "Contents". */
export function labelsLanguage(templatesDir: string, lang: string): string | undefined {
  return [lang, lang.split('-')[0]!].find((candidate) => existsSync(labelsFile(templatesDir, candidate)));
}

export function labelsFile(templatesDir: string, lang: string): string {
  return join(templatesDir, 'labels', `${lang}.yaml`);
}

/** report:labels — an edition in a language without labels, at the edition's first line: it is not
 * published (English labels on a French page are worse than none). */
export function missingLabels(templatesDir: string, lang: string, edition: string): Diagnostic {
  return {
    file: edition, line: 1, column: 1, severity: 'error', ruleId: 'report:labels',
    message: `No labels for language "${lang}", expected ${display(labelsFile(templatesDir, lang))}`,
    hint: `add it, translating every label of ${display(labelsFile(templatesDir, 'en'))}`,
  };
}

/** `language-name: Français` on a line of its own, its value a plain word or words: what every
 * labels file has. Anything else (quotes, a block, a comment, the key twice) is left to the YAML
 * parser, which costs more than reading the sources' hashes of a whole collection. */
const plainLanguageName = /^language-name: +([^\s'"#|>&*!%@`{}[\],?:-][^#:\r\n]*?)[ \t\r]*$/gm;

/** The `language-name` of a labels file's text when it is written plainly, else undefined. */
function plainLanguageNameIn(text: string): string | undefined {
  const found = [...text.matchAll(plainLanguageName)];
  // A plain value stops at its line unless the next line is indented (a continuation).
  if (found.length === 1 && text.split('language-name').length === 2) {
    const end = found[0].index + found[0][0].length;
    if (!/^\r?\n[ \t]+\S/.test(text.slice(end, end + 200))) return found[0][1];
  }
  return undefined;
}

/** The `language-name` of a labels file's text, as the YAML parser reads it ('' when it cannot). */
export function languageNameIn(text: string): string {
  const plain = plainLanguageNameIn(text);
  if (plain !== undefined) return plain;
  try {
    const value = (parseYaml(text) as Record<string, unknown> | null)?.['language-name'];
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

/** A language's name in its own labels (`lang` has a labels file: see labelsLanguage). An edition
 * names every sibling so: read from the one line, not by parsing and checking each sibling's whole
 * labels file (each is checked when its own editions are built); a file written otherwise is
 * loaded as loadLabels loads it. */
export function languageName(templatesDir: string, lang: string): string {
  return cached(`language-name:${templatesDir}:${lang}`, () => {
    const file = labelsFile(templatesDir, lang);
    const plain = existsSync(file) ? plainLanguageNameIn(readFileSync(file, 'utf8')) : undefined;
    return plain ?? loadLabels(templatesDir, lang, { country: '', countryId: '', region: '', lang, year: 0, title: '' }).languageName;
  });
}

/** The labels of one language with the report's values filled in ({country}, {region-slug}, …).
 * Given where the labels file is shown in messages and where each value was written, the labels a
 * page prints also carry their origins. */
export function loadLabels(
  templatesDir: string, lang: string, values: LabelValues,
  where?: { file: string; values: Partial<Record<keyof LabelValues, Place>> },
): Labels {
  const raw = cached(`labels:${templatesDir}:${lang}`, () => {
    const file = labelsFile(templatesDir, lang);
    const read = labelsDocument(templatesDir, lang);
    const labels = camelKeys(requireObject(file, read)) as RawLabels;
    const problems = labelProblems(file, read.text, labels, Object.keys(read.value as object));
    if (problems.length > 0) throw templateErrors(problems);
    return labels;
  });
  const vars: Record<string, string> = {
    country: values.country,
    'country-slug': slug(values.countryId),
    region: values.region,
    'region-slug': slug(values.region),
    lang: values.lang,
    year: String(values.year),
    title: values.title,
  };
  const filled = {
    ...raw,
    disclaimer: label(raw.disclaimer, vars),
    backLink: label(raw.backLink, vars),
    backLinkUrl: label(raw.backLinkUrl, vars),
  };
  if (!where) return filled;
  const at = labelPlaces(templatesDir, lang);
  const templateOrigin = (key: 'disclaimer' | 'backLink' | 'contents' | 'pageOf') =>
    wholeAt(raw[key], at[key] && { file: where.file, ...at[key] });
  const fill = (key: 'disclaimer' | 'backLink') => labelWithOrigin(raw[key], vars, templateOrigin(key), where.values).origin;
  return {
    ...filled,
    // The page numbers are filled in by the writer, which keeps the template's origin.
    origins: { disclaimer: fill('disclaimer'), backLink: fill('backLink'), contents: templateOrigin('contents'), pageOf: templateOrigin('pageOf') },
  };
}

/** A labels file parsed once for both what it says and where each value is written. */
function labelsDocument(templatesDir: string, lang: string): YamlFile & { at: Places } {
  return cached(`labels-document:${templatesDir}:${lang}`, () => {
    const read = yamlDocument(labelsFile(templatesDir, lang));
    return { ...read, at: read.places(camel) };
  });
}

/** Labels a language may leave out: the index's "stale" (English only), the first of the month,
 * the back-link to a reference written in a note (the back-link's own label stands in). */
const optionalLabels = ['stale', 'day-one', 'back-to-note-reference', 'note-separator'];

/** Placeholders a label's text must hold: without them a page prints no page number, or names
 * every note reference alike. */
const placeholders: Partial<Record<keyof RawLabels, string>> = { pageOf: '{page}', noteReference: '{number}', backToReference: '{number}', table: '{number}' };

/** template:labels — every label a page prints is there, as text (the months as a list of twelve,
 * the formats' names as a mapping), and holds the placeholders it is filled in by. */
function labelProblems(file: string, text: string, labels: RawLabels, written: readonly string[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const at = (key: string, message: string, hint: string) => problems.push(problem(file, text, keyOffset(text, key), message, hint, 'template:labels'));
  const isText = (value: unknown) => typeof value === 'string' || typeof value === 'number';
  const notText = (key: string) => at(key, `Label "${key}" must be a text`, 'write it on the key\'s line, quoted if it contains ": " or starts with [ { # " or \'');
  // Keys Folio does not read, one of which may be a missing label misspelt ("page_of").
  const unknown = written.filter((key) => !(requiredLabels as readonly string[]).includes(key) && !optionalLabels.includes(key));
  for (const key of requiredLabels) {
    const value = labels[camel(key) as keyof RawLabels];
    if (value === undefined || value === null) {
      const near = closest(key, unknown);
      if (near) at(near, `Missing label "${key}": "${near}" is written instead`, `write the key as "${key}"`);
      else at(key, `Missing label "${key}"`, "every language's labels file needs it: copy it from templates/labels/en.yaml and translate it");
    } else if (key === 'months') {
      if (!Array.isArray(value) || value.length !== 12 || !value.every((m) => typeof m === 'string' && m !== '')) {
        at(key, 'Label "months" must list the twelve month names, January first', 'write them as a list: [January, February, …]');
      }
    } else if (key === 'formats') {
      if (typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
        at(key, 'Label "formats" must name each format', 'write a mapping such as `html: Web page` under it, one format a line');
      }
    } else if (!isText(value)) {
      notText(key);
    } else {
      const needed = placeholders[camel(key) as keyof RawLabels];
      if (needed && !String(value).includes(needed)) at(key, `Label "${key}" does not hold ${needed}`, `the page fills ${needed} in: write it where the number goes, as in templates/labels/en.yaml`);
    }
  }
  for (const key of optionalLabels) {
    const value = labels[camel(key) as keyof RawLabels];
    if (value !== undefined && value !== null && !isText(value)) notText(key);
  }
  return problems;
}

/** Where each top-level label's text starts in the labels file (past an opening quote), by
 * camelCase key: a message about a label's character points at it there. */
export function labelPlaces(templatesDir: string, lang: string): Places {
  return labelsDocument(templatesDir, lang).at;
}

export function loadReportType(templatesDir: string, type: string): ReportType | undefined {
  const file = join(templatesDir, 'report-types', `${type}.yaml`);
  if (!existsSync(file)) return undefined;
  return cached(`type:${file}`, () => {
    const read = readYaml(file);
    const raw = read.value as Record<string, unknown>;
    const vocabulary = (raw.vocabulary ?? {}) as Record<string, string>;
    const parts = (raw.parts as string[] | undefined) ?? [...defaultParts];
    const problems: Diagnostic[] = [];
    const at = (offset: number, message: string, hint: string) => problems.push(problem(file, read.text, offset, message, hint, 'template:report-type'));
    // A misspelt key is a rule that silently stops applying ("requried": no section required).
    const keys = ['name', 'parts', 'required', 'vocabulary'];
    for (const key of Object.keys(raw).filter((k) => !keys.includes(k))) {
      const near = closest(key, keys);
      at(keyOffset(read.text, key), `Unknown key "${key}" in the report type`, near ? `did you mean "${near}"?` : `a report type has ${keys.join(', ')}`);
    }
    const unknown = Array.isArray(parts) ? parts.filter((part) => !(defaultParts as readonly string[]).includes(part)) : [String(parts)];
    for (const part of unknown) {
      at(Math.max(0, read.text.indexOf(String(part), keyOffset(read.text, 'parts'))),
        `Unknown part "${part}" in the report type`, `a report type lists some of ${defaultParts.join(', ')}, in the order a publication sets them`);
    }
    const required = raw.required ?? [];
    if (!Array.isArray(required) || !required.every((id) => typeof id === 'string' && /^[a-z][a-z0-9-]*$/.test(id))) {
      at(keyOffset(read.text, 'required'), '"required" must list section ids', 'write them as a list of ids, such as [background]');
    }
    if (typeof vocabulary !== 'object' || Array.isArray(vocabulary) || !Object.values(vocabulary).every((t) => typeof t === 'string')) {
      at(keyOffset(read.text, 'vocabulary'), '"vocabulary" must map section ids to titles', 'write one `id: Title` a line under it, indented');
    }
    if (problems.length > 0) throw templateErrors(problems);
    return {
      name: String(raw.name ?? type),
      parts: parts as Part[],
      required: required as string[],
      vocabulary,
    };
  });
}

/** Where dist/ is published, from templates/site.yaml (`address: https://…/`); without the file,
 * outputs link to one another by relative addresses only. */
export function loadSite(templatesDir: string): Site {
  return cached(`site:${templatesDir}`, () => {
    const file = join(templatesDir, 'site.yaml');
    if (!existsSync(file)) return {};
    const read = readYaml(file);
    const address = (read.value as Record<string, unknown>).address;
    if (address === undefined) return {};
    let url: URL | undefined;
    try {
      url = typeof address === 'string' ? new URL(address) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
      throw templateErrors([problem(file, read.text, keyOffset(read.text, 'address'), `"address" is ${JSON.stringify(address)}, not an http(s) address`,
        'write the address dist/ is published at, such as https://reports.example.org/', 'template:site')]);
    }
    return { address: url.href.endsWith('/') ? url.href : `${url.href}/` };
  });
}
