// The vertical flow between setting and pagination: set lines with the spacing before them and
// whether they must stay on the page of the line that follows (headings, orphans, widows).
import type { LineBox, LineKind } from './types.ts';

export interface FlowLine {
  box: LineBox;
  kind: LineKind;
  /** Offset from the text column's left edge. */
  indent: number;
  /** Space above this line; dropped at the top of a page. */
  spaceBefore: number;
  /** Must share a page with the next line. */
  keepWithNext: boolean;
  /** Set for the first line of a section heading (level 2) or sub-heading (3): it starts a bookmark. */
  outline?: { id: string; title: string; level?: number };
}

/** Marks the lines of one paragraph so that neither its first nor its last line stands alone,
 * and no page ends on a hyphenated word. */
export function keepTogether(lines: FlowLine[]): FlowLine[] {
  const n = lines.length;
  for (const line of lines) if (line.box.hyphenated) line.keepWithNext = true;
  if (n >= 2) {
    lines[0]!.keepWithNext = true;
    lines[n - 2]!.keepWithNext = true;
  }
  return lines;
}
