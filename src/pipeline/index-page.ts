// dist/index.html: every report and edition present in the output directory, with a link to each
// format built. What it lists comes from the manifest (index-data.ts), so a partial build (--only,
// --formats) still gives a complete and truthful index; this module only lays it out.
import { existsSync } from 'node:fs';
import { h } from 'hastscript';
import type { Root } from 'hast';
import { formatLabel } from '../render/registry.ts';
import { stringify } from '../render/fragment/html.ts';
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

export function renderIndexPage(items: readonly IndexReport[], templatesDir: string, date: Date): string {
  const labels = loadLabels(templatesDir, pageLang, { country: '', countryId: '', region: '', lang: pageLang, year: 0, title: '' });
  const stale = () => {
    if (labels.stale === undefined) throw new TemplateError(`${labelsFile(templatesDir, pageLang)}: missing label "stale", which the index shows beside a translation made from an earlier original`);
    return labels.stale;
  };
  // Each initial's first report, in the list's order.
  const firsts = new Map<string, IndexReport>();
  for (const report of items) if (!firsts.has(initialOf(report))) firsts.set(initialOf(report), report);
  const lettered = items.length >= LETTERS_FROM && firsts.size > 1;
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: pageLang }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', `${labels.indexTitle} – ${labels.publisher}`),
          h('meta', { name: 'dcterms.modified', content: date.toISOString() }),
          h('style', stylesheet(loadTheme(templatesDir))),
        ]),
        h('body', h('main', [
          h('h1', labels.indexTitle),
          ...(lettered ? [h('nav.letters', { ariaLabel: labels.contents }, h('ul', [...firsts.keys()].map((initial) => h('li', h('a', { href: `#${anchorOf(initial)}` }, initial)))))] : []),
          h('ul.reports', { style: 'list-style: none; padding: 0' }, items.map((report) =>
            h('li', lettered && firsts.get(initialOf(report)) === report ? { id: anchorOf(initialOf(report)) } : {}, [
              // A title in another language than the page's says so, for a screen reader's voice,
              // and one written right to left is an isolate of that direction.
              h('h2', report.lang === pageLang ? report.title : h('span', { lang: report.lang, ...(report.dir === 'rtl' ? { dir: 'rtl' } : {}) }, report.title)),
              // The original first, then the translations by language, each named in itself.
              h('ul', [...report.editions].sort((a, b) => Number(b.isOriginal) - Number(a.isOriginal) || compareLanguageCodes(a.lang, b.lang)).map((e) =>
                h('li', e.warnings.includes('translation:stale') ? { className: ['stale'] } : {}, [
                  h('span.edition', { lang: e.lang, dir: e.dir }, editionLanguage(templatesDir, e.lang)),
                  ': ',
                  ...e.files.flatMap((file, i) => [i > 0 ? ' · ' : '', h('a', { href: file.href, hreflang: e.lang }, formatLabel(labels, file.format))]),
                  ...(e.warnings.includes('translation:stale') ? [' ', h('em.state', `(${stale()})`)] : []),
                ]),
              )),
            ]),
          )),
        ])),
      ]),
    ],
  };
  return `${stringify(tree)}\n`;
}
