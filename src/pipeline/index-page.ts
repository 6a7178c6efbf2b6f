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

export function renderIndexPage(items: readonly IndexReport[], templatesDir: string, date: Date): string {
  const labels = loadLabels(templatesDir, 'en', { country: '', countryId: '', region: '', lang: 'en', year: 0, title: '' });
  const stale = () => {
    if (labels.stale === undefined) throw new TemplateError(`${labelsFile(templatesDir, 'en')}: missing label "stale", which the index shows beside a translation made from an earlier original`);
    return labels.stale;
  };
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', `${labels.indexTitle} – ${labels.publisher}`),
          h('meta', { name: 'dcterms.modified', content: date.toISOString() }),
          h('style', stylesheet(loadTheme(templatesDir))),
        ]),
        h('body', h('main', [
          h('h1', labels.indexTitle),
          h('ul.reports', { style: 'list-style: none; padding: 0' }, items.map(({ title, editions }) =>
            h('li', [
              h('h2', title),
              // The original first, then the translations by language, each named in itself.
              h('ul', [...editions].sort((a, b) => Number(b.isOriginal) - Number(a.isOriginal) || compareLanguageCodes(a.lang, b.lang)).map((e) =>
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
