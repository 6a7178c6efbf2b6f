// Markdown blocks → Word paragraphs and tables, each paragraph naming its style.
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import type { AlignType, Code, List, ListItem, Table as MdTable } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { estimatedEms } from './estimate.ts';
import { FolioError } from '../../shared/errors.ts';
import type { Block } from '../../model/types.ts';
import type { ConvertContext } from './context.ts';
import { blockInlines, type inlines } from './inline.ts';
import { bulletReference, hangingOf, isOrdered, NUMBER_GAP, orderedReference, taskReference } from './numbering.ts';
import { quoteBar, styleId } from './styles.ts';
import { colour, twips } from './units.ts';
import { columnWidth } from '../../templates/types.ts';
import { columnWidths, SMALLEST_TABLE_SIZE, TABLE_SIZE, tableColumns, tableSize, tableSplit } from '../fragment/columns.ts';

/** Where blocks sit: the style of a plain paragraph there, blockquote depth, list level. */
export interface Place {
  /** Style of a plain paragraph here (undefined: Normal). */
  style?: string;
  quote: number;
  /** Level of the list item these blocks continue, if any. */
  listLevel?: number;
  /** Twips the enclosing lists moved their items in beyond the theme's indent, for numbers wider
   * than it ("100."): what is inside them moves in as much. */
  listExtra?: number;
}

export const body: Place = { quote: 0 };

export function blocks(nodes: readonly Block[], cx: ConvertContext, place: Place = body): FileChild[] {
  const out: FileChild[] = [];
  for (const node of nodes) {
    const converted = block(node, cx, place);
    // Word merges two tables that touch; a paragraph keeps them apart.
    if (out.at(-1) instanceof Table && converted[0] instanceof Table) out.push(new Paragraph({ style: place.style }));
    out.push(...converted);
  }
  return out;
}

function paragraphStyle(place: Place): string | undefined {
  // A note's paragraphs keep the note's size wherever they sit: their indents and bar are their own.
  if (place.style === styleId.footnoteText) return place.style;
  if (place.listLevel !== undefined) return styleId.listContinue(place.listLevel);
  if (place.quote > 0) return styleId.blockText;
  return place.style;
}

/** Left and right indents (twips) of text at `place`: each enclosing blockquote steps in by the
 * theme's blockquote indent on both sides, each list level by its list indent on the start side,
 * in the order they nest (a quote in a list item starts at the item's text). Deep nesting stops
 * moving in once the text would get narrower than 40% of the column, as in print: 24 nested
 * quotes were set a few letters a line. */
function placeIndent(cx: ConvertContext, place: Place): { left: number; right: number } {
  const quote = twips(cx.theme.spacing.blockquoteIndent);
  const list = place.listLevel === undefined ? 0 : twips(cx.theme.spacing.listIndent) * (place.listLevel + 1);
  const right = place.quote > 0 ? quote : 0;
  const deepest = Math.round(twips(columnWidth(cx.theme.page)) * 0.6) - right;
  return { left: Math.min(quote * place.quote + list + (place.listExtra ?? 0), deepest), right };
}

/** What a paragraph at `place` sets beyond its style: the indents its style does not give (a
 * quote in a list item, a list in a quote, anything in a note, quotes in quotes, lists deeper than
 * the List Continue styles), and the quote's bar where the style is not Block Text. */
function placeFormat(cx: ConvertContext, place: Place, style: string | undefined) {
  if (place.quote === 0 && place.listLevel === undefined) return {};
  const byStyle =
    (style === styleId.blockText && place.quote === 1 && place.listLevel === undefined) ||
    (place.quote === 0 && place.listLevel !== undefined && place.listLevel <= 4 && !place.listExtra && style === styleId.listContinue(place.listLevel));
  const { left, right } = placeIndent(cx, place);
  return {
    indent: byStyle ? undefined : { left, right: right || undefined },
    border: place.quote > 0 && style !== styleId.blockText ? quoteBar(cx.theme, cx.rtl) : undefined,
  };
}

function block(node: Block, cx: ConvertContext, place: Place): FileChild[] {
  switch (node.type) {
    case 'paragraph': {
      const style = paragraphStyle(place);
      return [new Paragraph({ style, ...placeFormat(cx, place, style), bidirectional: cx.rtl || undefined, children: blockInlines(node.children, cx) })];
    }
    case 'heading': {
      // Level 2 headings are the sections; levels 3-6 inside them are Heading 2-5.
      const level = Math.min(Math.max(node.depth - 1, 2), 5);
      const children = blockInlines(node.children, cx);
      const id = node.data?.id;
      return [
        new Paragraph({
          style: styleId.heading(level),
          bidirectional: cx.rtl || undefined,
          children: id ? [new Bookmark({ id, children })] : children,
        }),
      ];
    }
    case 'list':
      return list(node, cx, place);
    case 'blockquote':
      // The model has resolved definitions away; what remains are blocks.
      return blocks(node.children as Block[], cx, { ...place, quote: place.quote + 1 });
    case 'code':
      return [code(node, cx, place)];
    case 'table':
      return tables(node, cx, place);
    case 'thematicBreak':
      return [new Paragraph({ style: styleId.horizontalRule, bidirectional: cx.rtl || undefined })];
    case 'html':
      return [code({ type: 'code', value: node.value }, cx, place)];
    default:
      throw new FolioError(`DOCX writer: no Word form for block "${(node as { type: string }).type}"`);
  }
}

/** The highest number Word numbers a list to: its Start At takes at most 32767, and LibreOffice
 * reads a start as 16 bits (a list from 99999999 came out from 57599). Markdown counts to
 * 999999999. */
const maxWordNumber = 32767;

function list(node: List, cx: ConvertContext, place: Place): FileChild[] {
  const level = place.listLevel === undefined ? 0 : Math.min(place.listLevel + 1, 8);
  const start = node.start ?? 1;
  // A list counting past what Word numbers has its numbers written as text, each before its item.
  if (node.ordered && start + node.children.length - 1 > maxWordNumber) {
    return node.children.flatMap((item, k) => numberedAsText(item, cx, { ...place, listLevel: level }, start + k));
  }
  if (node.ordered) cx.orderedStarts.add(start);
  const numbering = {
    reference: node.ordered ? orderedReference(start) : bulletReference(),
    level,
    instance: cx.nextListInstance++,
  };
  // Numbers wider than the indent ("100.") move the list's items in by as much, as in print, rather
  // than hang into the margin, in either direction. Up to 3 pt of overhang is left: the width is
  // an estimate, and a list below 100 keeps the theme's indent.
  const wider = node.ordered ? numberWidth(`${start + node.children.length - 1}.`, cx) + NUMBER_GAP - twips(cx.theme.spacing.listIndent) : 0;
  const inner = wider > twips(3) ? { ...place, listExtra: (place.listExtra ?? 0) + wider } : place;
  return node.children.flatMap((item) => listItem(item, cx, inner, numbering));
}

/** The width of a list's number as Word sets it, estimated (twips, estimate.ts): a digit is 0.56
 * em in Noto Serif and up to 0.64 em in the faces that stand in for it where it is not installed;
 * an estimate a little wide only moves the items in a little more. */
function numberWidth(text: string, cx: ConvertContext): number {
  return twips(estimatedEms(text) * cx.theme.sizes.body);
}

function listItem(item: ListItem, cx: ConvertContext, place: Place, listNumbering: { reference: string; level: number; instance: number }): FileChild[] {
  const [first, ...rest] = item.children;
  // A task list item's box is its marker, in place of a bullet (numbering.ts).
  const task = typeof item.checked === 'boolean' && !isOrdered(listNumbering.reference);
  if (task) cx.tasks = true;
  const numbering = task ? { ...listNumbering, reference: taskReference(item.checked!) } : listNumbering;
  // In a numbered list the box stays in the text, after the number.
  const boxed = task ? '' : boxText(item);
  const box: ParagraphChild[] = boxed ? [new TextRun({ text: boxed })] : [];
  const lead = first?.type === 'paragraph' ? blockInlines(first.children, cx) : [];
  // In a quote, the item steps in by the quote's indent from where its numbering puts it, and
  // carries the quote's bar; in a list moved in for its wide numbers, by as much. Either way it
  // sets its indents itself.
  const own = place.quote > 0 || place.listExtra ? placeIndent(cx, { ...place, listLevel: numbering.level }) : undefined;
  const out: FileChild[] = [
    new Paragraph({
      numbering,
      style: place.style === styleId.footnoteText ? styleId.footnoteText : undefined,
      indent: own && { left: own.left, right: own.right, hanging: hangingOf(cx.theme, numbering.reference) },
      border: place.quote > 0 ? quoteBar(cx.theme, cx.rtl) : undefined,
      bidirectional: cx.rtl || undefined,
      children: [...box, ...lead],
    }),
  ];
  const others = first?.type === 'paragraph' ? rest : item.children;
  out.push(...blocks(others as Block[], cx, { ...place, listLevel: numbering.level }));
  return out;
}

/** A task's box as text, where Word's numbering cannot be it (a numbered item's); '' for no task. */
function boxText(item: ListItem): string {
  return typeof item.checked === 'boolean' ? (item.checked ? '☒ ' : '☐ ') : '';
}

/** A list item whose number Word cannot count to: "99999999. " opens its first paragraph, which
 * sits where a numbered item's text does. */
function numberedAsText(item: ListItem, cx: ConvertContext, place: Place, number: number): FileChild[] {
  const [first, ...rest] = item.children;
  const style = paragraphStyle(place);
  const lead = first?.type === 'paragraph' ? blockInlines(first.children, cx) : [];
  return [
    new Paragraph({ style, ...placeFormat(cx, place, style), bidirectional: cx.rtl || undefined, children: [new TextRun({ text: `${number}. ${boxText(item)}` }), ...lead] }),
    ...blocks((first?.type === 'paragraph' ? rest : item.children) as Block[], cx, place),
  ];
}

function code(node: Code, cx: ConvertContext, place: Place): Paragraph {
  // Code reads left to right in every edition; its lines stay lines. In a list item or a quote it
  // starts where the text around it does: on the right of a right-to-left edition, whose start
  // side a left-to-right paragraph's indents do not mirror.
  const lines = node.value.replace(/\t/g, '    ').split(/\r?\n/);
  const { left, right } = placeIndent(cx, place);
  const nested = left > 0 || right > 0;
  return new Paragraph({
    style: styleId.sourceCode,
    bidirectional: false,
    indent: nested ? (cx.rtl ? { left: right || undefined, right: left } : { left, right: right || undefined }) : undefined,
    border: place.quote > 0 ? quoteBar(cx.theme, cx.rtl) : undefined,
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
  });
}

const alignment: Record<Exclude<AlignType, null>, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
};

/** Word's default cell margins, left and right (twips). */
export const CELL_MARGINS = 2 * 108;

/** Each column's longest word and longest line in twips at the table's size, margins included,
 * estimated from the cells' text (the Word file has no shaper): each character as wide as in the
 * wider of Noto Serif and DejaVu Sans, LibreOffice's stand-in where Noto Serif is not installed
 * (estimate.ts), bold where the header row or ** makes it so. On the wide side, so that no word is
 * broken inside its cell ("Arres-ts") in either face: a table near the limit is set a little
 * smaller, or in parts, than in print, which decides from its fonts' real widths. */
function columnNeeds(node: MdTable, columns: number, size: number): { min: number; max: number }[] {
  const needs = Array.from({ length: columns }, () => ({ min: CELL_MARGINS, max: CELL_MARGINS }));
  const em = twips(size);
  node.children.forEach((row, r) => {
    row.children.forEach((cell, c) => {
      if (c >= columns) return;
      const text = textOf(cell);
      const bold = r === 0 || hasStrong(cell);
      // A line may break after a hyphen or a URL's punctuation, as Word and the print edition break them.
      let longestWord = 0;
      for (const word of text.split(/\s+|(?<=[/.?&=#_~:\\-])(?=.)/u)) longestWord = Math.max(longestWord, estimatedEms(word, bold));
      // A quarter of an em to spare: a word that fills its cell exactly is broken by a rounding.
      needs[c]!.min = Math.max(needs[c]!.min, CELL_MARGINS + (longestWord + 0.25) * em);
      needs[c]!.max = Math.max(needs[c]!.max, CELL_MARGINS + (estimatedEms(text, bold) + 0.25) * em);
    });
  });
  return needs;
}

function hasStrong(node: { type: string; children?: unknown[] }): boolean {
  return node.type === 'strong' || (node.children ?? []).some((child) => hasStrong(child as { type: string; children?: unknown[] }));
}

/** A table's type size (points) and column widths in whole twips that add up to `width`: as
 * wide as their content asks, as the print edition's and a browser's are, and smaller type where
 * its longest words do not fit side by side, as the print edition sets it (fragment/columns.ts);
 * `fixedSize`, a part's size (see tableParts), as given. */
export function tableLayout(node: MdTable, theme: ConvertContext['theme'], width: number, fixedSize?: number): { size: number; widths: number[] } {
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  let size = fixedSize ?? theme.sizes.body * TABLE_SIZE;
  let needs = columnNeeds(node, columns, size);
  // Word sizes type in half points.
  const smaller = fixedSize ?? tableSize(needs, size, theme.sizes.body * SMALLEST_TABLE_SIZE, width, CELL_MARGINS, 2);
  if (smaller < size) {
    size = smaller;
    needs = columnNeeds(node, columns, size);
  }
  const widths = columnWidths(needs, width).map(Math.floor);
  widths[widths.length - 1]! += width - widths.reduce((a, b) => a + b, 0);
  return { size, widths };
}

/** A table as the Word file has it, `width` twips wide: one table, or, when its longest words do
 * not fit side by side even at the smallest size, its parts as the print edition sets them
 * (pdf/table.ts): groups of the columns that fit, each headed by the first column where it may
 * be, all at the size at which the widest fits. Each with its type size and column widths. The
 * contents page's estimate takes them too. Columns narrower than their longest word would be
 * narrower than Word's cell margins in a table of many: LibreOffice cannot lay such a table out. */
export function tableParts(node: MdTable, theme: ConvertContext['theme'], width: number): { node: MdTable; size: number; widths: number[] }[] {
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  const size = theme.sizes.body * TABLE_SIZE;
  const split = tableSplit(node, columnNeeds(node, columns, size), size, theme.sizes.body * SMALLEST_TABLE_SIZE, width, CELL_MARGINS, 2);
  if (!split) return [{ node, ...tableLayout(node, theme, width) }];
  return split.groups.map((group) => {
    const part = tableColumns(node, group);
    return { node: part, ...tableLayout(part, theme, width, split.size) };
  });
}

/** A table, or its parts (see tableParts) with an empty paragraph between them: Word joins tables
 * that touch into one. */
function tables(node: MdTable, cx: ConvertContext, place: Place): FileChild[] {
  // A table in a list item or a quote starts where the text around it does.
  const { left, right } = placeIndent(cx, place);
  const width = twips(columnWidth(cx.theme.page)) - left - right;
  return tableParts(node, cx.theme, width).flatMap((part, k) => {
    const made = table(part.node, cx, width, left, part);
    return k === 0 ? [made] : [new Paragraph({ bidirectional: cx.rtl || undefined }), made];
  });
}

/** A cell's text, its pictures no wider than its column less the cell's margins (`points`). */
function cellInlines(children: Parameters<typeof inlines>[0], cx: ConvertContext, marks: Parameters<typeof inlines>[2], points: number): ParagraphChild[] {
  const outer = cx.pictureWidth;
  cx.pictureWidth = Math.max(1, points);
  try {
    return blockInlines(children, cx, marks);
  } finally {
    cx.pictureWidth = outer;
  }
}

function table(node: MdTable, cx: ConvertContext, width: number, left: number, { size, widths }: { size: number; widths: number[] }): Table {
  const { theme } = cx;
  const columns = widths.length;
  // The table's own size where it is smaller than its styles' (Table Contents, Table Heading).
  const marks = size < theme.sizes.body * TABLE_SIZE ? { size: Math.round(size * 2) } : {};
  const border = { style: BorderStyle.SINGLE, size: 4, color: colour(theme.colours.rule) };
  return new Table({
    width: { size: width, type: WidthType.DXA },
    indent: left > 0 ? { size: left, type: WidthType.DXA } : undefined,
    columnWidths: widths,
    visuallyRightToLeft: cx.rtl || undefined,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: node.children.map(
      (row, r) =>
        new TableRow({
          // The header row repeats on every page the table runs over.
          tableHeader: r === 0 || undefined,
          children: Array.from({ length: columns }, (_, c) => {
            const cell = row.children[c];
            const align = node.align?.[c];
            return new TableCell({
              width: { size: widths[c]!, type: WidthType.DXA },
              children: [
                new Paragraph({
                  style: r === 0 ? styleId.tableHeading : styleId.tableContents,
                  alignment: align ? alignment[align] : undefined,
                  bidirectional: cx.rtl || undefined,
                  children: cell ? cellInlines(cell.children, cx, marks, (widths[c]! - CELL_MARGINS) / 20) : [],
                }),
              ],
            });
          }),
        }),
    ),
  });
}
