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
import { FolioError } from '../../shared/errors.ts';
import type { Block } from '../../model/types.ts';
import type { ConvertContext } from './context.ts';
import { inlines } from './inline.ts';
import { bulletReference, orderedReference } from './numbering.ts';
import { styleId } from './styles.ts';
import { colour, twips } from './units.ts';
import { columnWidth } from '../../templates/types.ts';

/** Where blocks sit: the style of a plain paragraph there, blockquote depth, list level. */
export interface Place {
  /** Style of a plain paragraph here (undefined: Normal). */
  style?: string;
  quote: number;
  /** Level of the list item these blocks continue, if any. */
  listLevel?: number;
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
  if (place.listLevel !== undefined) return styleId.listContinue(place.listLevel);
  if (place.quote > 0) return styleId.blockText;
  return place.style;
}

/** A blockquote inside a blockquote steps further in than the Block Text style. */
function quoteIndent(cx: ConvertContext, place: Place) {
  if (place.quote < 2 || place.listLevel !== undefined) return undefined;
  const step = twips(cx.theme.spacing.blockquoteIndent);
  return { left: step * place.quote, right: step };
}

function block(node: Block, cx: ConvertContext, place: Place): FileChild[] {
  switch (node.type) {
    case 'paragraph':
      return [
        new Paragraph({
          style: paragraphStyle(place),
          indent: quoteIndent(cx, place),
          bidirectional: cx.rtl || undefined,
          children: inlines(node.children, cx),
        }),
      ];
    case 'heading': {
      // Level 2 headings are the sections; levels 3-6 inside them are Heading 2-5.
      const level = Math.min(Math.max(node.depth - 1, 2), 5);
      const children = inlines(node.children, cx);
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
      return [code(node)];
    case 'table':
      return [table(node, cx)];
    case 'thematicBreak':
      return [new Paragraph({ style: styleId.horizontalRule, bidirectional: cx.rtl || undefined })];
    case 'html':
      return [code({ type: 'code', value: node.value })];
    default:
      throw new FolioError(`DOCX writer: no Word form for block "${(node as { type: string }).type}"`);
  }
}

function list(node: List, cx: ConvertContext, place: Place): FileChild[] {
  const level = place.listLevel === undefined ? 0 : Math.min(place.listLevel + 1, 8);
  const start = node.start ?? 1;
  if (node.ordered) cx.orderedStarts.add(start);
  const numbering = {
    reference: node.ordered ? orderedReference(start) : bulletReference(),
    level,
    instance: cx.nextListInstance++,
  };
  return node.children.flatMap((item) => listItem(item, cx, place, numbering));
}

function listItem(item: ListItem, cx: ConvertContext, place: Place, numbering: { reference: string; level: number; instance: number }): FileChild[] {
  const [first, ...rest] = item.children;
  // A task list item shows its box as Word users type it.
  const box: ParagraphChild[] = typeof item.checked === 'boolean' ? [new TextRun({ text: item.checked ? '☒ ' : '☐ ' })] : [];
  const lead = first?.type === 'paragraph' ? inlines(first.children, cx) : [];
  const out: FileChild[] = [
    new Paragraph({
      numbering,
      style: place.style === styleId.footnoteText ? styleId.footnoteText : undefined,
      bidirectional: cx.rtl || undefined,
      children: [...box, ...lead],
    }),
  ];
  const others = first?.type === 'paragraph' ? rest : item.children;
  out.push(...blocks(others as Block[], cx, { ...place, listLevel: numbering.level }));
  return out;
}

function code(node: Code): Paragraph {
  // Code reads left to right in every edition; its lines stay lines.
  const lines = node.value.replace(/\t/g, '    ').split(/\r?\n/);
  return new Paragraph({
    style: styleId.sourceCode,
    bidirectional: false,
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
  });
}

const alignment: Record<Exclude<AlignType, null>, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
};

function table(node: MdTable, cx: ConvertContext): Table {
  const { theme } = cx;
  const width = twips(columnWidth(theme.page));
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  const cellWidth = Math.floor(width / columns);
  const border = { style: BorderStyle.SINGLE, size: 4, color: colour(theme.colours.rule) };
  return new Table({
    width: { size: cellWidth * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => cellWidth),
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
              width: { size: cellWidth, type: WidthType.DXA },
              children: [
                new Paragraph({
                  style: r === 0 ? styleId.tableHeading : styleId.tableContents,
                  alignment: align ? alignment[align] : undefined,
                  bidirectional: cx.rtl || undefined,
                  children: cell ? inlines(cell.children, cx) : [],
                }),
              ],
            });
          }),
        }),
    ),
  });
}
