// Sets a code block: source lines kept as they are, wrapped only where wider than the measure.
import type { Node } from 'unist';
import { glyphRun, lineBox } from './build-line.ts';
import { faceChain, splitByFace, type LoadedFace } from './fonts.ts';
import type { InlineStyle } from './inline.ts';
import { missingGlyph, toPoints, type SetOptions } from './pieces.ts';
import { shapeText } from './shape.ts';
import { embeddingLevels, placedSpaces, visualOrder } from './bidi.ts';
import type { GlyphRun, LineBox, PlacedGlyph } from './types.ts';

/** Columns of a tab stop in code (CommonMark's). */
const TAB = 4;

/** Tabs to spaces up to the next tab stop, so columns line up as in the source. */
function expandTabs(row: string): string {
  if (!row.includes('\t')) return row;
  let out = '';
  for (const ch of row) out += ch === '\t' ? ' '.repeat(TAB - (out.length % TAB)) : ch;
  return out;
}

/** Where a code block's rows start in the source: the line of its first row (a fenced block's
 * first source line is its fence) and the column its rows start at. `rows` is how many it has. */
export function codeOrigin(node: Node, rows: number): { line: number; column: number } {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  return { line: start.line + (end.line - start.line + 1 > rows ? 1 : 0), column: start.column };
}

/** Sets a code block: each source line starts a line, spaces are kept as they are, nothing is
 * justified or hyphenated. A line wider than the measure wraps after its last space that fits, or,
 * with no space, at the last character (cluster) that fits: every character is kept and no line
 * overflows. Code is set left to right in every edition, as it is
 * written. */
export function setCode(text: string, style: InlineStyle, opts: SetOptions, node: Node): LineBox[] {
  const chain = faceChain(opts.theme, style, false);
  const rows = text.split('\n');
  const { line: firstRow, column: firstColumn } = codeOrigin(node, rows.length);
  const lines: LineBox[] = [];
  const ascentOf = (face: LoadedFace): number => (face.ascender / face.upem) * style.size;
  rows.forEach((raw, r) => {
    const row = expandTabs(raw);
    const { spans, missing } = splitByFace(row, chain);
    if (missing !== undefined) throw missingGlyph(row, missing, opts.file, { line: firstRow + r, column: firstColumn + missing });
    // Clusters with their face, in reading order: a glyph without text continues the cluster
    // before it. Right-to-left text (an Arabic word in a code line, which is left to right as a
    // whole) is shaped right to left, its clusters put back in reading order to be wrapped, and
    // each line then laid out in visual order (bidi rule L2), as a paragraph's words are.
    const levels = embeddingLevels(row, false);
    const clusters: Cluster[] = [];
    for (const span of spans) {
      for (const [start, end, level] of levelRuns(levels, span.start, span.end)) {
        const rtl = level % 2 === 1;
        const from = clusters.length;
        for (const g of toPoints(span.face, style.size, shapeText(span.face, row.slice(start, end), rtl))) {
          const last = clusters.length > from ? clusters[clusters.length - 1] : undefined;
          if (g.text === '' && last) {
            last.glyphs.push(g);
            last.width += g.advance;
          } else clusters.push({ face: span.face, glyphs: [g], width: g.advance, level });
        }
        // Shaped right to left, the clusters come in visual order.
        if (rtl) clusters.splice(from, clusters.length - from, ...clusters.slice(from).reverse());
      }
    }
    // Where each line starts: after the last space that fits, else at the cluster that does not.
    const starts: number[] = [];
    let width = 0;
    let from = 0;
    let space = -1;
    clusters.forEach((cluster, i) => {
      if (width + cluster.width > opts.measure + 0.01 && i > from) {
        const cut = space > from ? space + 1 : i;
        starts.push(cut);
        from = cut;
        space = -1;
        width = 0;
        for (let k = cut; k < i; k++) width += clusters[k]!.width;
      }
      if (cluster.glyphs.some((g) => g.text === ' ')) space = i;
      width += cluster.width;
    });
    // Each line's clusters, in visual order when it holds right-to-left text (bidi rule L2), each
    // glyph then ranked by its place in reading order, and the line given its text in reading
    // order for extractors, as paragraph.ts gives a paragraph's line.
    const cuts = [0, ...starts, clusters.length];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const logical = clusters.slice(cuts[k], cuts[k + 1]);
      const box = lineBox([], [], [], 0, opts.measure, opts.leading, ascentOf(chain[0]!), []);
      lines.push(box);
      let run: GlyphRun | undefined;
      let runLevel = 0;
      const ranked = logical.map((cluster, rank) => ({ cluster, rank }));
      for (const { cluster, rank } of levels ? visualOrder(ranked, (c) => c.cluster.level) : ranked) {
        if (!run || run.face !== cluster.face.path || cluster.level % 2 !== runLevel % 2) {
          run = glyphRun(cluster.face.path, style.size, style.colour, box.width, 0, [], undefined, undefined, levels ? [] : undefined);
          box.runs.push(run);
          box.ascent = Math.max(box.ascent, ascentOf(cluster.face));
        }
        runLevel = cluster.level;
        const n = cluster.glyphs.length;
        cluster.glyphs.forEach((g, i) => {
          run!.glyphs.push(g);
          run!.order?.push(rank + i / n);
        });
        box.width += cluster.width;
      }
      if (levels) {
        box.text = logical.map((cluster) => cluster.glyphs.map((g) => g.text).join('')).join('');
        for (const r of box.runs) r.glyphs = placedSpaces(r.glyphs);
      }
    }
  });
  return lines;
}

interface Cluster {
  face: LoadedFace;
  glyphs: PlacedGlyph[];
  width: number;
  /** Its bidi embedding level (0 for a line without right-to-left text). */
  level: number;
}

/** Stretches of `start`..`end` at one embedding level: [start, end, level]. */
function levelRuns(levels: Uint8Array | null, start: number, end: number): [number, number, number][] {
  if (!levels) return [[start, end, 0]];
  const out: [number, number, number][] = [];
  let from = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || levels[i] !== levels[from]) {
      out.push([from, i, levels[from]!]);
      from = i;
    }
  }
  return out;
}
