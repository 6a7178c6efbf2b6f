// The web edition: one self-contained, semantic HTML page per edition (inline CSS generated from
// the theme, no network requests), built as a hast tree and serialized by rehype-stringify.
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { Report } from '../../model/types.ts';
import { referencesInNotes } from '../../model/walk.ts';
import { closeBidiControls } from '../../shared/bidi-controls.ts';
import { backLinkName, dateInWords, label } from '../../shared/label.ts';
import type { Format } from '../types.ts';
import type { Found, Part, Rendered, Writer, WriterContext } from '../types.ts';
import { htmlOptions, stringify, toHastNodes, type HtmlOptions } from '../fragment/html.ts';
import { stylesheet } from '../fragment/css.ts';

/** At most this many characters of the summary go into the page's meta description. */
const descriptionLength = 300;


export function description(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= descriptionLength) return flat;
  const cut = flat.slice(0, descriptionLength);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

function page(report: Report, ctx: WriterContext): Root {
  const { labels } = ctx;
  const options = htmlOptions(labels, ctx.sourceDir, report);
  const others = report.editions.filter((e) => e.lang !== report.lang);
  const otherFormats = ctx.formats.filter((f): f is Exclude<Format, 'html'> => f !== 'html');
  // Each part of the report type, in the type's order; the masthead holds the boilerplate parts.
  const build: Record<Part, () => ElementContent[]> = {
    disclaimer: () => [h('p.disclaimer', labels.disclaimer)],
    'back-link': () => [h('p', h('a.back-link', { href: labels.backLinkUrl }, labels.backLink))],
    // The title, then the date the edition was published, in its language.
    title: () => [h('h1', report.meta.title), h('p.published', h('time', { dateTime: ctx.date.toISOString().slice(0, 10) }, dateInWords(ctx.date, labels)))],
    summary: () => [h('div.summary', toHastNodes(report.summary, options))],
    contents: () => [
      h('nav.contents', { ariaLabelledby: 'contents' }, [
        h('h2#contents', labels.contents),
        h('ol', report.sections.map((s) => h('li', h('a', { href: `#${s.id}` }, toHastNodes(s.title, options))))),
      ]),
    ],
    sections: () => report.sections.map((s) =>
      h('section', { id: s.id, ariaLabelledby: `${s.id}-title` }, [
        h('h2', { id: `${s.id}-title` }, toHastNodes(s.title, options)),
        ...toHastNodes(s.blocks, options),
      ]),
    ),
    notes: () => (report.footnotes.length > 0 ? [notes(report, ctx, options)] : []),
  };
  const masthead = new Set<Part>(['disclaimer', 'back-link']);
  const body: ElementContent[] = [
    h('header.masthead', [
      ...(others.length > 0 ? [languageSwitcher(report, ctx)] : []),
      ...ctx.parts.filter((p) => masthead.has(p)).flatMap((p) => build[p]()),
    ]),
    h('main', h('article', [
      ...ctx.parts.filter((p) => !masthead.has(p)).flatMap((p) => build[p]()),
      editionsFooter(report, ctx, others, otherFormats),
    ])),
  ];
  const head: ElementContent[] = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', `${closeBidiControls(report.meta.title)} – ${labels.publisher}`),
    h('meta', { name: 'description', content: description(report.summaryText) }),
    h('meta', { name: 'generator', content: 'Folio' }),
    h('meta', { name: 'dcterms.modified', content: ctx.date.toISOString() }),
    h('link', { rel: 'canonical', href: url(ctx, report.lang, 'html') }),
    // Every edition, this one included, as search engines want each page to list itself; readers
    // whose language has no edition get the original.
    ...(others.length > 0
      ? [
          ...report.editions.map((e) => h('link', { rel: 'alternate', hreflang: e.lang, href: url(ctx, e.lang, 'html') })),
          ...report.editions.filter((e) => e.isOriginal).map((e) => h('link', { rel: 'alternate', hreflang: 'x-default', href: url(ctx, e.lang, 'html') })),
        ]
      : []),
    ...otherFormats.map((f) => h('link', { rel: 'alternate', type: mediaTypes[f], href: url(ctx, report.lang, f) })),
    h('meta', { property: 'og:type', content: 'article' }),
    h('meta', { property: 'og:title', content: report.meta.title }),
    h('meta', { property: 'og:description', content: description(report.summaryText) }),
    h('meta', { property: 'og:site_name', content: labels.publisher }),
    // Open Graph wants an absolute address, so og:url needs the site's (templates/site.yaml).
    ...(ctx.reportUrl ? [h('meta', { property: 'og:url', content: url(ctx, report.lang, 'html') })] : []),
    h('style', stylesheet(ctx.theme)),
  ];
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: report.lang, dir: report.dir }, [h('head', head), h('body', body)]),
    ],
  };
}

const mediaTypes: Record<Exclude<Format, 'html'>, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json',
};

function notes(report: Report, ctx: WriterContext, options: HtmlOptions): Element {
  const inNotes = referencesInNotes(report.footnotes);
  return h('section.notes', { ariaLabelledby: 'notes' }, [
    h('h2#notes', ctx.labels.notes),
    h('ol', report.footnotes.map((note) => {
      const blocks = toHastNodes(note.blocks, options) as Element[];
      // A note referred to more than once has a back-link to each reference, the second on shown
      // with its count ("↩2"), each named for where it goes. The count's link reads its name from
      // words only a screen reader meets, the count among them, rather than from an aria-label
      // that would leave out the count a reader sees.
      const backLinks = note.references.map((ref, i) => {
        const name = backLinkName(ctx.labels, note.number, inNotes.get(ref.refId));
        if (i === 0) return h('a.back', { href: `#${ref.refId}`, ariaLabel: name }, '↩');
        return h('a.back', { href: `#${ref.refId}` }, [h('span', { ariaHidden: 'true' }, `↩${i + 1}`), h('span.unseen', `${name} (${i + 1})`)]);
      });
      // The back-links go at the end of the note's last paragraph, as readers expect.
      const last = blocks.at(-1);
      if (last && last.tagName === 'p') last.children.push({ type: 'text', value: ' ' }, ...backLinks);
      else blocks.push(h('p', backLinks));
      return h('li', { id: note.id }, blocks);
    })),
  ]);
}

/** Where another output of this report is: absolute when the site's address is known. */
function url(ctx: WriterContext, lang: string, format: Format): string {
  return `${ctx.reportUrl ?? ''}${ctx.fileName(lang, format)}`;
}

/** Every edition by its language's own name, the current one marked, each link in its language. */
function languageSwitcher(report: Report, ctx: WriterContext): Element {
  return h('nav.languages', { ariaLabel: ctx.labels.languageSwitcher }, h('ul', report.editions.map((e) =>
    h('li', h('a', {
      href: ctx.fileName(e.lang, 'html'),
      hreflang: e.lang,
      lang: e.lang,
      dir: e.dir,
      ...(e.lang === report.lang ? { ariaCurrent: 'page' } : {}),
    }, ctx.languageNames[e.lang] ?? e.lang)),
  )));
}

function editionsFooter(report: Report, ctx: WriterContext, others: Report['editions'], formats: Exclude<Format, 'html'>[]): Element {
  return h('footer.editions', [
    formats.length > 0
      ? h('ul', formats.map((f) => h('li', h('a', { href: ctx.fileName(report.lang, f) }, ctx.labels.formats[f]))))
      : null,
    // A heading and a list: no punctuation of Folio's own between a label and the languages, since
    // each language punctuates differently ("Autres éditions :").
    others.length > 0
      ? h('nav', { ariaLabelledby: 'other-editions' }, [
          h('h2#other-editions', ctx.labels.editions),
          h('ul', others.map((e) => h('li', h('a', { href: ctx.fileName(e.lang, 'html'), hreflang: e.lang, lang: e.lang, dir: e.dir },
            ctx.languageNames[e.lang] ?? e.lang)))),
        ])
      : null,
  ].filter((x): x is Element => x !== null));
}

export function renderHtml(report: Report, ctx: WriterContext): string {
  return `${stringify(page(report, ctx))}\n`;
}

type ParsedNode = DefaultTreeAdapterMap['parentNode'] | DefaultTreeAdapterMap['childNode'];
type ParsedElement = DefaultTreeAdapterMap['element'];

function attribute(element: ParsedElement, name: string): string | undefined {
  for (const attr of element.attrs) if (attr.name === name) return attr.value;
  return undefined;
}

/** Section ids and note ids present in the page, with each note's text, read back from the HTML
 * by an HTML parser, as a browser reads it: the note's text and its images' alt text, without the
 * back-links the page adds. parse5's own tree rather than hast's (hast-util-from-html): the same
 * parser, without source positions and a second tree, a third of the time. */
export function inspectHtml(html: string, report: Report): Found {
  const tree = parse(html);
  const sections: string[] = [];
  const noteText: Record<string, string> = {};
  const wanted = new Set(report.footnotes.map((n) => n.id));
  const stack: ParsedNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('childNodes' in node)) continue;
    if ('tagName' in node) {
      const id = attribute(node, 'id');
      if (node.tagName === 'section' && id !== undefined) sections.push(id);
      if (node.tagName === 'li' && id !== undefined && wanted.has(id)) noteText[id] = visibleText(node);
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return { sections, notes: Object.keys(noteText), noteText };
}

function visibleText(element: ParsedElement): string {
  let out = '';
  const stack: ParsedNode[] = [element];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === '#text') out += (node as DefaultTreeAdapterMap['textNode']).value;
    if (!('tagName' in node)) continue;
    if (node.tagName === 'a' && (attribute(node, 'class') ?? '').split(/\s+/).includes('back')) continue;
    const alt = node.tagName === 'img' ? attribute(node, 'alt') : undefined;
    if (alt !== undefined) out += ` ${alt} `;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return out;
}

export const htmlWriter: Writer = {
  format: 'html',
  async render(report, ctx): Promise<Rendered> {
    return { data: renderHtml(report, ctx) };
  },
  inspect(rendered, report) {
    return inspectHtml(String(rendered.data), report);
  },
};
