// dist/index.html: every report and edition present in the output directory, with a link to each
// format built. It is read from dist/ itself, so a partial build (--only, --formats) still gives
// a complete and truthful index.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { h } from 'hastscript';
import type { Root } from 'hast';
import { formatLabel, formats } from '../render/registry.ts';
import { stringify } from '../render/fragment/html.ts';
import { labelsFile, loadLabels, loadTheme } from '../templates/load.ts';
import { stylesheet } from '../render/fragment/css.ts';
import { directionOf } from '../model/direction.ts';

interface Edition {
  lang: string;
  title: string;
  files: string[];
}

function editionsIn(outDir: string, slug: string): Edition[] {
  const byLang = new Map<string, Edition>();
  const pattern = new RegExp(`^${slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.([A-Za-z0-9-]+)\\.(${formats.join('|')})$`);
  for (const name of readdirSync(join(outDir, slug)).sort()) {
    const match = pattern.exec(name);
    if (!match) continue;
    const lang = match[1];
    const edition = byLang.get(lang) ?? { lang, title: slug, files: [] };
    edition.files.push(name);
    byLang.set(lang, edition);
  }
  const rank = (file: string) => formats.indexOf(file.slice(file.lastIndexOf('.') + 1) as (typeof formats)[number]);
  for (const edition of byLang.values()) edition.files.sort((a, b) => rank(a) - rank(b));
  for (const edition of byLang.values()) {
    const json = join(outDir, slug, `${slug}.${edition.lang}.json`);
    if (existsSync(json)) {
      try {
        edition.title = (JSON.parse(readFileSync(json, 'utf8')) as { title: string }).title;
      } catch {
        // A JSON file from an older Folio: the slug stands in for the title.
      }
    }
  }
  return [...byLang.values()];
}

/** The edition's language as its own labels name it ("English", "العربية"), else its code. */
function languageName(templatesDir: string, lang: string): string {
  if (!existsSync(labelsFile(templatesDir, lang))) return lang;
  return loadLabels(templatesDir, lang, { country: '', countryId: '', region: '', lang, year: 0, title: '' }).languageName;
}

export function renderIndex(outDir: string, templatesDir: string, date: Date): string {
  const labels = loadLabels(templatesDir, 'en', { country: '', countryId: '', region: '', lang: 'en', year: 0, title: '' });
  const slugs = existsSync(outDir)
    ? readdirSync(outDir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort()
    : [];
  const items = slugs.map((slug) => ({ slug, editions: editionsIn(outDir, slug) })).filter((r) => r.editions.length > 0);
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
          h('ul.reports', { style: 'list-style: none; padding: 0' }, items.map(({ slug, editions }) =>
            h('li', [
              h('h2', editions[0].title),
              h('ul', editions.map((e) =>
                h('li', [
                  h('span.edition', { lang: e.lang, dir: directionOf(e.lang) }, languageName(templatesDir, e.lang)),
                  ': ',
                  ...e.files.flatMap((file, i) => {
                    const format = file.slice(file.lastIndexOf('.') + 1) as (typeof formats)[number];
                    return [i > 0 ? ' · ' : '', h('a', { href: `${slug}/${file}`, hreflang: e.lang }, formatLabel(labels, format))];
                  }),
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
