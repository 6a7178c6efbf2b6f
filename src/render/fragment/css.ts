// The web page's stylesheet, generated from templates/theme.yaml so the web, print and Word
// editions share one set of fonts, sizes and colours. Sizes are relative (em) to the body size,
// so a reader's own browser font setting still scales the text.
import type { FontFace, Theme } from '../../templates/types.ts';

function stack(face: FontFace): string {
  return [face.family, ...face.fallback].map((f) => (/^[a-z-]+$/.test(f) ? f : `"${f}"`)).join(', ');
}

/** Size relative to the body text, in em. */
function em(theme: Theme, points: number): string {
  return `${+(points / theme.sizes.body).toFixed(3)}em`;
}

export function stylesheet(theme: Theme): string {
  const { colours: c, sizes: s, spacing: sp, fonts: f, page: p } = theme;
  return `
:root { color-scheme: light; }
html { font-family: ${stack(f.body)}; color: ${c.text}; background: #fff; line-height: ${+(s.leading / s.body).toFixed(3)}; }
html[dir="rtl"] { font-family: ${stack(f.arabic)}, ${stack(f.body)}; }
body { margin: 0; font-size: ${+(s.body / 12 * 1.125).toFixed(4)}rem; overflow-wrap: break-word; }
.masthead { background: ${c.accent}; color: #000; padding: 0.75em 1.25em; font-family: ${stack(f.sans)}; font-size: ${em(theme, s.small)}; }
.masthead p { margin: 0 auto 0.4em; max-width: ${theme.html.measure}; }
.masthead a { color: #000; font-weight: bold; }
main { max-width: ${theme.html.measure}; margin: 0 auto; padding: 1.5em 1.25em 3em; }
h1, h2, h3, h4, h5, h6 { font-family: ${stack(f.heading)}; color: ${c.heading}; line-height: 1.2; }
h1 { font-size: ${em(theme, s.title)}; margin: 0.4em 0 ${em(theme, sp.titleAfter)}; }
h2 { font-size: ${em(theme, s.h2)}; margin: ${em(theme, sp.headingBefore * 1.4)} 0 ${em(theme, sp.headingAfter)}; }
h3 { font-size: ${em(theme, s.h3)}; margin: ${em(theme, sp.headingBefore)} 0 ${em(theme, sp.headingAfter)}; }
h4, h5, h6 { font-size: 1em; margin: ${em(theme, sp.headingBefore)} 0 ${em(theme, sp.headingAfter)}; }
h5, h6 { font-style: italic; }
p, ul, ol, blockquote, table, pre { margin: 0 0 ${em(theme, sp.paragraph * 1.5)}; }
p { hyphens: auto; }
a { color: ${c.link}; }
.summary { font-size: 1.08em; }
nav.contents { border-top: 1px solid ${c.rule}; border-bottom: 1px solid ${c.rule}; margin: 1.5em 0; padding: 0.5em 0; font-family: ${stack(f.sans)}; font-size: ${em(theme, s.contents)}; }
nav.contents h2 { font-size: 1em; margin: 0.4em 0; }
nav.contents ol { padding-inline-start: 1.5em; margin: 0; }
sup.note-ref { line-height: 0; font-size: ${s.superscript * 100}%; }
sup.note-ref a { padding: 0 0.1em; }
.notes { border-top: 1px solid ${c.rule}; margin-top: 2.5em; font-size: ${em(theme, s.footnote * 1.1)}; }
.notes h2 { font-size: ${em(theme, s.h3)}; }
.unseen { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
blockquote { border-inline-start: 3px solid ${c.rule}; padding-inline-start: 1em; margin-inline: 0; color: ${c.muted}; }
@media (max-width: 30em) { ul, ol { padding-inline-start: 1.6em; } }
.contains-task-list { list-style: none; }
.task-list-item input { margin-block: 0; margin-inline: 0 0.4em; }
:is(li, blockquote) :is(li, blockquote) :is(li, blockquote) :is(li, blockquote) :is(li, blockquote) :is(ul, ol) { padding-inline-start: 0; }
:is(li, blockquote) :is(li, blockquote) :is(li, blockquote) :is(li, blockquote) :is(li, blockquote) blockquote { padding-inline-start: 0; border-inline-start: 0; }
code, pre { font-family: ${stack(f.mono)}; font-size: 0.9em; }
pre { overflow-x: auto; background: #f4f4f4; padding: 0.75em; }
table { border-collapse: collapse; }
.table-frame { overflow-x: auto; margin: 0 0 ${em(theme, sp.paragraph * 1.5)}; }
.table-frame > table { margin: 0; }
.table-frame:focus-visible { outline: 2px solid ${c.link}; outline-offset: 2px; }
th, td { border: 1px solid ${c.rule}; padding: 0.25em 0.5em; text-align: start; vertical-align: top; }
img { max-width: 100%; height: auto; }
.editions { border-top: 1px solid ${c.rule}; margin-top: 2em; padding-top: 0.75em; font-family: ${stack(f.sans)}; font-size: ${em(theme, s.small)}; color: ${c.muted}; }
.editions ul { list-style: none; padding: 0; margin: 0.25em 0; }
.editions li { display: inline-block; margin-inline-end: 1em; }
.editions h2 { font-family: inherit; font-size: 1em; color: inherit; margin: 0.75em 0 0.25em; }
.letters ul { list-style: none; padding: 0; margin: 0 0 1.5em; display: flex; flex-wrap: wrap; gap: 0.25em 0.9em; font-family: ${stack(f.sans)}; }
.languages ul { list-style: none; padding: 0; margin: 0 auto 0.4em; max-width: ${theme.html.measure}; text-align: end; }
.languages li { display: inline-block; margin-inline-start: 1em; }
.languages a { font-weight: normal; }
.languages a[aria-current] { font-weight: bold; text-decoration: none; }
@media print {
  @page { size: ${p.size}; margin: ${p.margin.top}pt ${p.margin.right}pt ${p.margin.bottom}pt ${p.margin.left}pt; }
  html { font-size: ${s.body}pt; }
  body { font-size: 1em; }
  .masthead { background: none; padding: 0; border-bottom: 1px solid ${c.rule}; }
  main { max-width: none; padding: 0; }
  p { text-align: justify; orphans: 2; widows: 2; }
  h2, h3, h4, h5, h6 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .editions, .languages { display: none; }
}
`.trim();
}
