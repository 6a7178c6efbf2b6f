// dist/index.html: every report and edition present in the output directory, with a link to each
// format built. What it lists comes from the manifest (index-data.ts), so a partial build (--only,
// --formats) still gives a complete and truthful index; this module only lays it out.
import { existsSync } from 'node:fs';
import { formatLabel } from '../render/registry.ts';
import type { Format } from '../render/types.ts';
import { labelsFile, languageName, loadLabels, loadTheme } from '../templates/load.ts';
import { TemplateError } from '../shared/errors.ts';
import { stylesheet } from '../render/fragment/css.ts';
import { compareLanguageCodes } from './editions.ts';
import { indexData, type IndexReport } from './index-data.ts';
import { readManifest } from './manifest.ts';

/** The edition's language as its own labels name it ("English", "العربية"), else its code. */
function editionLanguage(templatesDir: string, lang: string): string {
  return existsSync(labelsFile(templatesDir, lang)) ? languageName(templatesDir, lang) : lang;
}

/** The index of an output directory, from its manifest (empty when it has none). */
export function renderIndex(outDir: string, templatesDir: string, date: Date): string {
  const read = readManifest(outDir);
  return renderIndexPage(read.manifest ? indexData(read.manifest) : [], templatesDir, date);
}

/** From this many reports on, the index opens with a link to each initial's first report: a
 * collection of hundreds is a long page to scroll. */
export const LETTERS_FROM = 30;

/** The initial a report is listed under: its folder name's first character (the list is in
 * folder-name order), as a capital. */
function initialOf(report: IndexReport): string {
  return report.slug.charAt(0).toUpperCase();
}

/** The id of an initial's first report in the list. */
function anchorOf(initial: string): string {
  return `reports-${initial.toLowerCase()}`;
}

/** The index page's language: its labels are the English ones. */
const pageLang = 'en';

/** Text as the HTML writer escapes it (hast-util-to-html: `<` and `&`, as hexadecimal references). */
function text(value: string): string {
  return value.replace(/[<&]/g, (c) => (c === '<' ? '&#x3C;' : '&#x26;'));
}

/** An attribute value in double quotes, escaped as the HTML writer does (`"`, `&` and NUL). */
function attribute(value: string): string {
  return value.replace(/["&\0]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** An element: its attributes in the order given (an undefined one left out), its content already
 * HTML. */
function element(tag: string, attributes: Record<string, string | undefined>, ...content: string[]): string {
  let open = `<${tag}`;
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== undefined) open += ` ${name}="${attribute(value)}"`;
  }
  return `${open}>${content.join('')}</${tag}>`;
}

/** The page is written as a string, not built as a hast tree and stringified as the editions' pages
 * are: it lists every edition of the collection, and a build rewrites it whenever one changes, so
 * in a one-edit build of 300 reports the tree and its stringifying cost more than the rest of the
 * page's work. Its escaping is the HTML writer's, so the bytes are the same as they were. */
export function renderIndexPage(items: readonly IndexReport[], templatesDir: string, date: Date): string {
  const labels = loadLabels(templatesDir, pageLang, { country: '', countryId: '', region: '', lang: pageLang, year: 0, title: '' });
  const stale = () => {
    if (labels.stale === undefined) throw new TemplateError(`${labelsFile(templatesDir, pageLang)}: missing label "stale", which the index shows beside a translation made from an earlier original`);
    return labels.stale;
  };
  // Each language's name in itself, looked up once a language rather than once an edition.
  const languages = new Map<string, string>();
  const languageOf = (lang: string) => languages.get(lang) ?? languages.set(lang, text(editionLanguage(templatesDir, lang))).get(lang)!;
  const formatNames = new Map<string, string>();
  const formatName = (format: Format) => formatNames.get(format) ?? formatNames.set(format, text(formatLabel(labels, format))).get(format)!;
  // Each initial's first report, in the list's order.
  const firsts = new Map<string, IndexReport>();
  for (const report of items) if (!firsts.has(initialOf(report))) firsts.set(initialOf(report), report);
  const lettered = items.length >= LETTERS_FROM && firsts.size > 1;
  const letters = lettered
    ? element('nav', { class: 'letters', 'aria-label': labels.contents }, element('ul', {}, ...[...firsts.keys()].map((initial) => element('li', {}, element('a', { href: `#${anchorOf(initial)}` }, text(initial))))))
    : '';
  const reports = items.map((report) =>
    element('li', { id: lettered && firsts.get(initialOf(report)) === report ? anchorOf(initialOf(report)) : undefined },
      // A title in another language than the page's says so, for a screen reader's voice, and
      // one written right to left is an isolate of that direction.
      element('h2', {}, report.lang === pageLang ? text(report.title) : element('span', { lang: report.lang, dir: report.dir === 'rtl' ? 'rtl' : undefined }, text(report.title))),
      // The original first, then the translations by language, each named in itself.
      element('ul', {}, ...[...report.editions].sort((a, b) => Number(b.isOriginal) - Number(a.isOriginal) || compareLanguageCodes(a.lang, b.lang)).map((e) => {
        const isStale = e.warnings.includes('translation:stale');
        return element('li', { class: isStale ? 'stale' : undefined },
          element('span', { class: 'edition', lang: e.lang, dir: e.dir }, languageOf(e.lang)),
          ': ',
          e.files.map((file) => element('a', { href: file.href, hreflang: e.lang }, formatName(file.format))).join(' · '),
          isStale ? ` ${element('em', { class: 'state' }, text(`(${stale()})`))}` : '',
        );
      })),
    ));
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    element('title', {}, text(`${labels.indexTitle} – ${labels.publisher}`)),
    `<meta name="dcterms.modified" content="${attribute(date.toISOString())}">`,
    // A style element's content is raw text.
    element('style', {}, stylesheet(loadTheme(templatesDir))),
  ].join('');
  const body = element('body', {}, element('main', {}, element('h1', {}, text(labels.indexTitle)), letters, element('ul', { class: 'reports', style: 'list-style: none; padding: 0' }, ...reports)));
  return `<!DOCTYPE html>${element('html', { lang: pageLang }, element('head', {}, head), body)}\n`;
}
