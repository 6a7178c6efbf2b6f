// Tables as frames: a table frame holds a frame for each row, which is never broken while it fits
// on a page; column widths from the cells' content, cells set ragged and unhyphenated in the
// column's alignment from the Markdown, space between rows, and the header row repeated at the top
// of every page the table continues on (the page builder sets it from the table's `header`).
import type { Table } from 'mdast';
import type { Inline } from '../../model/types.ts';
import { ContentError } from '../../shared/errors.ts';
import { columnWidths, SMALLEST_TABLE_SIZE, TABLE_SIZE, tableColumns, tableSize, tableSplit } from '../fragment/columns.ts';
import { bodyStyle, type BlockContext } from './block-context.ts';
import { lineBox } from './build-line.ts';
import { frame, FREE, type FlowLine, type Frame } from './flow.ts';
import { atomsOf, type Atom, type InlineStyle } from './inline.ts';
import { measureAtoms, setParagraph, type SetOptions } from './paragraph.ts';
import { structNode } from './structure.ts';
import type { LineBox, Rule, StructNode } from './types.ts';

/** Space on either side of a cell's text. */
const PAD = 4;

/** A table, or a table too wide for the page in parts (see inParts); `fixedSize`, the size of a
 * part, set as given rather than made smaller to fit. */
export function table(node: Table, ctx: BlockContext, indent: number, gap: number, fixedSize?: number): Frame {
  const { theme } = ctx;
  const columns = Math.max(1, ...node.children.map((r) => r.children.length));
  const available = ctx.measure - indent;
  let size = fixedSize ?? ctx.size * TABLE_SIZE;
  let leading = ctx.leading * (size / ctx.size);
  const align = (c: number): SetOptions['align'] => (node.align?.[c] === 'right' ? 'end' : node.align?.[c] === 'center' ? 'center' : 'start');
  const options = (c: number, measure: number): SetOptions => ({ ...ctx.base, measure, leading, justify: false, align: align(c), hyphenate: false });
  const atomsAt = (at: number): Atom[][][] => node.children.map((row, r) => row.children.map((cell) => {
    const style: InlineStyle = { ...bodyStyle(theme, at), bold: r === 0 };
    return atomsOf(cell.children as Inline[], style, ctx.inline);
  }));
  const needsOf = (cells: Atom[][][]) => {
    const needs = Array.from({ length: columns }, () => ({ min: 0, max: 0 }));
    cells.forEach((row) => row.forEach((cell, c) => {
      const { min, max } = measureAtoms(cell, options(c, available));
      needs[c]!.min = Math.max(needs[c]!.min, min + 2 * PAD);
      needs[c]!.max = Math.max(needs[c]!.max, max + 2 * PAD);
    }));
    return needs;
  };
  let atoms = atomsAt(size);
  let needs = needsOf(atoms);
  // Longest words too wide side by side: a smaller size, at which they fit (but for the cells'
  // padding), or the smallest (columns.ts); too wide even at the smallest, the table in parts.
  const smallest = ctx.size * SMALLEST_TABLE_SIZE;
  const split = fixedSize === undefined ? tableSplit(node, needs, size, smallest, available, 2 * PAD, 10) : undefined;
  if (split) return inParts(node, ctx, indent, gap, split);
  const smaller = fixedSize ?? tableSize(needs, size, smallest, available, 2 * PAD, 10);
  if (smaller < size) {
    leading *= smaller / size;
    size = smaller;
    atoms = atomsAt(size);
    needs = needsOf(atoms);
  }
  /** Space between rows, above each row's text. */
  const rowGap = leading * 0.3;
  const widths = columnWidths(needs, available);
  // A column narrower than one letter (an em, padding included) cannot be set without letters
  // overprinting their neighbours: saying so beats a smudge. (A table too wide is set in parts,
  // above, whose columns are at least their longest word: a guard.)
  const fits = Math.floor(available / size);
  if (Math.min(...widths) < size) {
    const at = node.position?.start ?? { line: 1, column: 1 };
    throw new ContentError(`Table has ${columns} columns, but at most about ${fits} fit the print edition's text width`, {
      file: ctx.base.file, line: at.line, column: at.column, ruleId: 'report:unsupported-node',
      hint: 'split the table into narrower tables, or turn it so that rows become columns',
    });
  }
  // Left edges, columns from the start edge: from the right in a right-to-left edition.
  const lefts: number[] = [];
  let edge = 0;
  for (let c = 0; c < columns; c++) {
    lefts[c] = ctx.base.rtl ? available - edge - widths[c]! : edge;
    edge += widths[c]!;
  }

  const struct = structNode('Table', ctx.struct);
  const rule = (y: number, width: number): Rule => ({ x1: 0, y1: y, x2: available, y2: y, width, colour: theme.colours.rule });
  const rows: Frame[] = [];
  node.children.forEach((row, r) => {
    const tr = structNode('TR', struct);
    // Every row gets a cell per column, empty or not, so the table's grid stays regular.
    const elements = Array.from({ length: columns }, () => structNode(r === 0 ? 'TH' : 'TD', tr));
    const cells: { lines: LineBox[]; struct: StructNode }[] = row.children.map((_, c) => ({
      // A millionth of a point more than the column leaves: a column as wide as its longest word
      // (columnWidths), padding added and taken away again, can be a rounding error narrower.
      lines: setParagraph(atoms[r]![c]!, options(c, widths[c]! - 2 * PAD + 1e-6)),
      struct: elements[c]!,
    }));
    const height = Math.max(1, ...cells.map((c) => c.lines.length));
    const rowLines: FlowLine[] = [];
    for (let k = 0; k < height; k++) {
      const box = lineBox([], [], [], available, available, leading, size, [], [], undefined, tr);
      cells.forEach((cell, c) => {
        const line = cell.lines[k];
        if (!line) return;
        const x = lefts[c]! + PAD;
        box.runs.push(...line.runs.map((run) => ({ ...run, x: run.x + x, struct: cell.struct })));
        box.links.push(...line.links.map((link) => ({ ...link, x: link.x + x })));
        box.anchors.push(...line.anchors.map((a) => ({ ...a, x: a.x + x })));
        for (const r of line.rules ?? []) box.rules!.push({ ...r, x1: r.x1 + x, x2: r.x2 + x });
        for (const image of line.images ?? []) (box.images ??= []).push({ ...image, x: image.x + x, struct: cell.struct });
        for (const note of line.notes) if (!box.notes.includes(note)) box.notes.push(note);
      });
      // A row holding right-to-left text carries its text for extractors, as a paragraph's line
      // does (see LineBox.text): the cells' lines in reading order.
      const drawn = cells.map((cell, c) => ({ line: cell.lines[k], left: lefts[c]! })).filter((d) => d.line)
        .sort((a, b) => (ctx.base.rtl ? b.left - a.left : a.left - b.left));
      if (drawn.some((d) => d.line!.text !== undefined)) {
        box.text = drawn.map((d) => d.line!.text ?? d.line!.runs.flatMap((r) => r.glyphs.map((g) => g.text)).join('')).join(' ');
      }
      const first = k === 0;
      const last = k === height - 1;
      // Rules above the header and under it, a hairline between rows, a rule under the table.
      if (r === 0 && first) box.rules!.push(rule(-leading * 0.78 - rowGap * 0.5, 0.6));
      if (r > 1 && first) box.rules!.push(rule(-leading * 0.78 - rowGap * 0.5, 0.2));
      if (last && r === 0) box.rules!.push(rule(leading * 0.22 + rowGap * 0.5, 0.6));
      if (last && r === node.children.length - 1 && r > 0) box.rules!.push(rule(leading * 0.22 + rowGap * 0.5, 0.4));
      rowLines.push({ box, kind: ctx.kind, indent, spaceBefore: first ? (r === 0 ? gap + rowGap : rowGap) : 0 });
    }
    // A row is never broken (unless taller than a page); the header stays with the first row.
    rows.push(frame('row', { orphans: 0, widows: 0, whole: true, withNext: r === 0 }, rowLines, { struct: tr }));
  });
  return frame('table', FREE, rows, { struct, header: rows[0] });
}

/** A table whose longest words do not fit side by side even at the smallest size, set as a
 * typesetter sets one: in parts, one after the other, each of the columns that fit the page, each
 * with its own header row and structure element, and each headed by the first column, which names
 * the rows, unless it refers to a note (fragment/columns.ts, tableSplit). Every part at one size:
 * every word whole, none cut between its letters. */
function inParts(node: Table, ctx: BlockContext, indent: number, gap: number, split: { groups: number[][]; size: number }): Frame {
  const parts = split.groups.map((group, k) => table(tableColumns(node, group), ctx, indent, k === 0 ? gap : ctx.theme.spacing.paragraph * 2, split.size));
  return frame('table', FREE, parts);
}
