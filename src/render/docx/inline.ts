// Markdown inline content → Word runs. Emphasis, strong and strike-through are run formatting (as
// an author applies them in Word); code and links take character styles; a note reference is a
// real Word footnote reference, numbered by Word.
import {
  Bookmark,
  ExternalHyperlink,
  FootnoteReferenceRun,
  InternalHyperlink,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { FootnoteReference } from 'mdast';
import { FolioError } from '../../shared/errors.ts';
import { asciiUrl, isSafeUrl, safeDecode } from '../../shared/url.ts';
import { directionOf, inlineDirection } from '../../model/direction.ts';
import { languageStretches } from '../../model/language.ts';
import type { Inline } from '../../model/types.ts';
import { splitByDirection } from './bidi.ts';
import type { ConvertContext } from './context.ts';
import { fieldRuns } from './field.ts';
import { imageRuns } from './images.ts';
import { fontsOf, styleId } from './styles.ts';

interface Marks {
  italics?: boolean;
  bold?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
  /** Type size in half points, where a run is set smaller than its style (a wide table's). */
  size?: number;
}

export function inlines(nodes: readonly Inline[], cx: ConvertContext, marks: Marks = {}): ParagraphChild[] {
  return nodes.flatMap((node) => inline(node, cx, marks));
}

/** A block's words (a paragraph's, a heading's, a list item's, a table cell's, a note's): written
 * wholly in the other direction's scripts (blockDirection), they read in their own, between an
 * isolate's marks (LRI or RLI, then PDI), their runs set as that direction's are. The paragraph
 * keeps the edition's direction, and so its place (on the right of an Arabic edition, its list
 * number with it), as in print and on the web page; Word has no isolating paragraph property, and
 * a left-to-right paragraph would move to the left. */
export function blockInlines(nodes: readonly Inline[], cx: ConvertContext, marks: Marks = {}): ParagraphChild[] {
  const edition = cx.rtl ? 'rtl' : 'ltr';
  const own = inlineDirection(nodes, edition);
  if (own === edition) return inlines(nodes, cx, marks);
  // A copy for the words alone: inline content changes none of the context's own values.
  const inner = { ...cx, rtl: own === 'rtl' };
  return [new TextRun({ text: own === 'rtl' ? '\u2067' : '\u2066' }), ...inlines(nodes, inner, marks), new TextRun({ text: '\u2069' })];
}

function inline(node: Inline, cx: ConvertContext, marks: Marks): ParagraphChild[] {
  switch (node.type) {
    case 'text':
      // A soft line break in the source is a space in the paragraph.
      return textRuns(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), cx, marks);
    case 'emphasis':
      return inlines(node.children, cx, { ...marks, italics: true });
    case 'strong':
      return inlines(node.children, cx, { ...marks, bold: true });
    case 'delete':
      return inlines(node.children, cx, { ...marks, strike: true });
    case 'inlineCode':
      // In a right-to-left edition, between LRI and PDI: an isolate, left to right, with the
      // punctuation at either end its own (in an Arabic sentence `dist/` keeps its slash after
      // "dist"), as the PDF and the web page set it. Word has no run property that isolates;
      // the marks are invisible, and in a left-to-right edition they are left out.
      return textRuns(cx.rtl ? `\u2066${node.value}\u2069` : node.value, cx, { ...marks, code: true });
    case 'break':
      return [new TextRun({ break: 1 })];
    case 'link': {
      const children = inlines(node.children, cx, { ...marks, link: true });
      if (node.url.startsWith('#')) return [new InternalHyperlink({ anchor: safeDecode(node.url.slice(1)), children })];
      if (!isSafeUrl(node.url)) return children;
      return [new ExternalHyperlink({ link: asciiUrl(node.url), children })];
    }
    case 'image':
      return imageRuns(node, cx.theme, cx.sourceDir, styleId.hyperlink, cx.pictureWidth);
    case 'footnoteReference':
      return noteReference(node, cx);
    case 'html':
      // The checks reject raw HTML; should one pass, its source text is kept rather than lost.
      return textRuns(node.value, cx, { ...marks, code: true });
    default:
      throw new FolioError(`DOCX writer: no Word form for inline "${(node as { type: string }).type}"`);
  }
}

/** Plain text as runs (split by direction in a right-to-left edition). */
export function textRuns(text: string, cx: ConvertContext, marks: Marks = {}): ParagraphChild[] {
  if (text === '') return [];
  const format = {
    italics: marks.italics,
    bold: marks.bold,
    strike: marks.strike,
    style: marks.link ? styleId.hyperlink : marks.code ? styleId.verbatimChar : undefined,
    // Code inside a link keeps its monospaced face under the Hyperlink style.
    font: marks.link && marks.code ? fontsOf(cx.theme, cx.theme.fonts.mono.family) : undefined,
    size: marks.size,
  };
  if (marks.code) return [new TextRun({ text, ...format })];
  // A stretch in another script than the edition's says its language, as the PDF and the web page
  // mark it (src/model/language.ts): Word checks its spelling in that language, and a screen
  // reader switches voice. Right-to-left languages are Word's complex script language (w:bidi).
  return languageStretches(text, cx.foreign).flatMap(({ text: part, lang }) => {
    const language = lang === undefined ? undefined : directionOf(lang) === 'rtl' ? { bidirectional: lang } : { value: lang };
    if (!cx.rtl) return [new TextRun({ text: part, ...format, language })];
    return splitByDirection(part).map((piece) => new TextRun({ text: piece.text, ...format, language, rightToLeft: piece.rtl || undefined }));
  });
}

/** The first reference to a note is a Word footnote reference; a later one to the same note is a
 * NOTEREF field to the first (Word numbers each footnote reference as a new note). A note cited
 * only in other notes is no Word footnote (Word has none in a footnote: LibreOffice will not open
 * such a file): it is printed in the footnote of the note citing it, and a reference to it is a
 * link to it, set as a note reference is. */
function noteReference(node: FootnoteReference, cx: ConvertContext): ParagraphChild[] {
  const number = node.data?.number;
  if (number === undefined) throw new FolioError(`DOCX writer: footnote reference [^${node.identifier}] has no number`);
  let mark: ParagraphChild[];
  const first = cx.firstReference.get(number);
  const hosted = cx.hostedNotes.get(number);
  if (hosted) {
    mark = [new InternalHyperlink({ anchor: hosted, children: [new TextRun({ text: String(number), style: styleId.footnoteReference })] })];
  } else if (!cx.referenced.has(number) || !first) {
    cx.referenced.add(number);
    mark = [new FootnoteReferenceRun(number)];
  } else {
    mark = fieldRuns(`NOTEREF ${first} \\f \\h`, String(number), { style: styleId.footnoteReference });
  }
  const refId = node.data?.refId;
  const marked = refId ? [new Bookmark({ id: refId, children: mark })] : mark;
  // After another reference, the separator, raised as the numbers are (outside the reference's
  // bookmark, which marks where the reference itself is); right to left in a right-to-left
  // edition, where notes cited together read as the words do, the first rightmost.
  return node.data?.follows ? [new TextRun({ text: cx.noteSeparator, style: styleId.footnoteReference, rightToLeft: cx.rtl || undefined }), ...marked] : marked;
}
