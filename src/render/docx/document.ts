// Assembles the Word document of one edition, its parts in the order the report type gives them
// (ctx.parts); the notes are Word footnotes, at the foot of the page that cites them.
import {
  AlignmentType,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import type { Footnote, Report } from '../../model/types.ts';
import { firstReferences } from '../../model/walk.ts';
import type { Part, WriterContext } from '../types.ts';
import { columnWidth } from '../../templates/types.ts';
import { closeBidiControls } from '../../shared/bidi-controls.ts';
import { dateInWords, label, noteSeparator } from '../../shared/label.ts';
import { hasRtlScript } from './bidi.ts';
import { blocks } from './blocks.ts';
import { contentsField } from './contents.ts';
import { createConvertContext, type ConvertContext } from './context.ts';
import { blockInlines, textRuns } from './inline.ts';
import { bulletDefinition, orderedDefinition, taskDefinitions } from './numbering.ts';
import { estimateSectionPages } from './pages.ts';
import { buildStyles, styleId } from './styles.ts';
import { twips } from './units.ts';

export function buildDocument(report: Report, ctx: WriterContext): Document {
  const { theme, labels } = ctx;
  const cx = createConvertContext(report, theme, ctx.sourceDir, noteSeparator(labels));
  const bidirectional = cx.rtl || undefined;
  const published = dateInWords(ctx.date, labels);

  const sections = (): FileChild[] =>
    report.sections.flatMap((section) => [
      new Paragraph({
        style: styleId.heading(1),
        bidirectional,
        children: [new Bookmark({ id: section.id, children: blockInlines(section.title, cx) })],
      }),
      ...blocks(section.blocks, cx),
    ]);

  // Each part the report type lists, in its order; the notes are Word footnotes wherever that is.
  const build: Record<Part, () => FileChild[]> = {
    disclaimer: () => [new Paragraph({ style: styleId.smallPrint, ...labelDirection(labels.disclaimer, cx), children: labelRuns(labels.disclaimer, cx) })],
    'back-link': () => [
      new Paragraph({
        style: styleId.smallPrint,
        ...labelDirection(labels.backLink, cx),
        children: [new ExternalHyperlink({ link: labels.backLinkUrl, children: labelRuns(labels.backLink, cx, { link: true }) })],
      }),
    ],
    title: () => [
      new Paragraph({ style: styleId.title, bidirectional, children: textRuns(report.meta.title, cx) }),
      // The date the edition was published, in its language.
      new Paragraph({ style: styleId.smallPrint, ...labelDirection(published, cx), children: labelRuns(published, cx) }),
    ],
    summary: () => blocks(report.summary, cx),
    contents: () => [
      new Paragraph({ style: styleId.tocHeading, ...labelDirection(labels.contents, cx), children: labelRuns(labels.contents, cx) }),
      contentsField(labels.contents, report.sections, estimateSectionPages(report, ctx), cx),
    ],
    sections,
    notes: () => [],
  };
  // Built in reading order: the first reference to a note is the one met first.
  const body = ctx.parts.flatMap((part) => build[part]());

  // Notes after the body: their references have been met, in reading order.
  const footnotes = Object.fromEntries(
    [...wordFootnotes(report, cx)].map(([note, hosted]) => [String(note.number), { children: [note, ...hosted].flatMap((n) => noteParagraphs(n, cx, n !== note)) }]),
  );

  const { page } = theme;
  const keywords = [report.meta.country, report.meta.region, String(report.meta.year), labels.publisher];
  return new Document({
    title: report.meta.title,
    subject: `${report.meta.country}, ${report.meta.year}`,
    creator: labels.publisher,
    lastModifiedBy: labels.publisher,
    keywords: keywords.join('; '),
    description: firstSentence(report.summaryText),
    revision: 1,
    // The contents' page numbers are cached estimates: Word updates every field on opening.
    features: { updateFields: true },
    styles: buildStyles(theme, { lang: report.lang, rtl: cx.rtl }),
    theme: { fonts: { headings: theme.fonts.heading.family, body: theme.fonts.body.family } },
    numbering: { config: [bulletDefinition(theme), ...(cx.tasks ? taskDefinitions(theme) : []), ...[...cx.orderedStarts].sort((a, b) => a - b).map((start) => orderedDefinition(theme, start, cx.rtl))] },
    footnotes,
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(page.width), height: twips(page.height) },
            margin: {
              top: twips(page.margin.top),
              bottom: twips(page.margin.bottom),
              left: twips(page.margin.left),
              right: twips(page.margin.right),
              header: twips(page.margin.top / 2),
              // The theme gives the footer's baseline; Word places the footer's bottom edge.
              footer: twips(page.footerOffset - theme.sizes.small * 0.3),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [runningFooter(report, ctx, cx)],
          }),
        },
        children: body,
      },
    ],
  });
}

/** The Word footnotes: each note the text cites, with the notes cited only in it (or in those,
 * and so on), which print after it in its footnote, by number. */
function wordFootnotes(report: Report, cx: ConvertContext): Map<Footnote, Footnote[]> {
  const out = new Map<Footnote, Footnote[]>();
  const byNumber = new Map(report.footnotes.map((note) => [note.number, note]));
  /** The Word footnote each note is printed in. */
  const host = new Map<number, Footnote>();
  // By number: a note cited only in notes is numbered after the note first citing it.
  for (const note of report.footnotes) {
    if (!cx.hostedNotes.has(note.number)) {
      host.set(note.number, note);
      out.set(note, []);
    }
    const home = host.get(note.number);
    if (!home) continue;
    for (const number of firstReferences(note.blocks, new Set())) {
      const cited = byNumber.get(number);
      if (!cited || host.has(number) || !cx.hostedNotes.has(number)) continue;
      host.set(number, home);
      out.get(home)!.push(cited);
    }
  }
  for (const hosted of out.values()) hosted.sort((a, b) => a.number - b.number);
  return out;
}

/** A note's paragraphs in a Word footnote: its own (Word prints its number), or, `hosted`, one
 * cited only in another note's text, printed after that note with its number written out. */
function noteParagraphs(note: Footnote, cx: ConvertContext, hosted = false): Paragraph[] {
  const place = { quote: 0, style: styleId.footnoteText };
  const [first, ...rest] = note.blocks;
  const lead = first?.type === 'paragraph' ? blockInlines(first.children, cx) : [];
  // Word puts the note's number first; a space after it, as Word types it, then the note's text,
  // bookmarked with the note's id so links to `#fn-1` land on it.
  const number = hosted ? [new TextRun({ text: String(note.number), style: styleId.footnoteReference })] : [];
  const head = new Paragraph({
    style: styleId.footnoteText,
    bidirectional: cx.rtl || undefined,
    children: [...number, new TextRun({ text: ' ' }), new Bookmark({ id: note.id, children: lead })],
  });
  // A note opening with a list, a quote, code or a table has its number on a line of its own above
  // it. Were the number put in the list's first paragraph, as Word does, LibreOffice would draw it
  // in place of the list's own: "2022." or the bullet was lost (seen converting to PDF).
  const others = first?.type === 'paragraph' ? rest : note.blocks;
  // docx types a note's content as paragraphs, but writes any block; a table in a note is kept.
  return [head, ...(blocks(others, cx, place) as Paragraph[])];
}

/** The running footer, as on the printed page: the title at the start, "Page n of N" at the end
 * (a tab stop at the text column's end edge). */
function runningFooter(report: Report, ctx: WriterContext, cx: ConvertContext): Paragraph {
  return new Paragraph({
    style: styleId.footer,
    bidirectional: cx.rtl || undefined,
    tabStops: [{ type: TabStopType.RIGHT, position: twips(columnWidth(ctx.theme.page)) }],
    children: [...textRuns(closeBidiControls(report.meta.title), cx), new TextRun({ children: [new Tab()] }), ...pageOf(ctx.labels.pageOf, cx)],
  });
}

/** "Page {page} of {pages}" with Word's PAGE and NUMPAGES fields in place of the numbers. */
function pageOf(template: string, cx: ConvertContext): ParagraphChild[] {
  // The numbers read in the label's direction (an English label in an Arabic edition keeps "Page 1 of 3").
  const rightToLeft = (cx.rtl && hasRtlScript(template)) || undefined;
  const marked = label(template, { page: '\u0000page\u0000', pages: '\u0000pages\u0000' });
  return marked.split('\u0000').flatMap((part): ParagraphChild[] => {
    if (part === 'page') return [new TextRun({ children: [PageNumber.CURRENT], rightToLeft })];
    if (part === 'pages') return [new TextRun({ children: [PageNumber.TOTAL_PAGES], rightToLeft })];
    return labelRuns(part, cx, {}, template);
  });
}

/** A label's runs: right to left only when the label is written in a right-to-left script. */
function labelRuns(text: string, cx: ConvertContext, marks: { link?: boolean } = {}, whole = text): ParagraphChild[] {
  return textRuns(text, cx.rtl && !hasRtlScript(whole) ? { ...cx, rtl: false } : cx, marks);
}

/** Labels fall back to English where a language has none: in a right-to-left edition such a
 * label reads left to right (its full stop stays at its end), set on the right like the rest. */
function labelDirection(text: string, cx: ConvertContext): { bidirectional?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } {
  if (!cx.rtl) return {};
  // Explicitly left to right: a right-to-left edition makes paragraphs right to left by default.
  return hasRtlScript(text) ? { bidirectional: true } : { bidirectional: false, alignment: AlignmentType.RIGHT };
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?。؟](?=\s|$)/su.exec(text.trim());
  return (match ? match[0] : text.trim()).replace(/\s+/g, ' ');
}
