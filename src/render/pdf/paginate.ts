// Breaks the flow into pages. Lines move as chains (a heading with its paragraph's first lines,
// a paragraph's last two lines); each note goes to the foot of the page holding its first
// reference, under a short rule, and what does not fit there continues at the next page's foot.
import type { FlowLine } from './flow.ts';
import type { Anchor, OutlineEntry, Page, PlacedLine } from './types.ts';

export interface PageGeometry {
  /** Left edge of the text column. */
  left: number;
  /** Top of the text area and bottom limit of text, from the page top. */
  top: number;
  bottom: number;
  footnoteGap: number;
  footnoteRule: number;
  ruleColour: string;
  /** Space between two notes. */
  noteGap: number;
}

export interface Paginated {
  pages: Page[];
  outline: OutlineEntry[];
  anchors: Record<string, Anchor>;
  /** The placed lines, by flow line, so the contents can be rewritten after page numbers are known. */
  placed: Map<FlowLine, PlacedLine>;
}

/** Height of the separator block above the notes. */
function separator(g: PageGeometry): number {
  return g.footnoteGap + 4;
}

export function paginate(flow: FlowLine[], notes: Map<string, FlowLine[]>, g: PageGeometry): Paginated {
  const pages: Page[] = [];
  const outline: OutlineEntry[] = [];
  const anchors: Record<string, Anchor> = {};
  const placed = new Map<FlowLine, PlacedLine>();
  const queued = new Set<string>();

  let page!: Page;
  let top = 0;
  let body: PlacedLine[] = [];
  let foot: FlowLine[] = [];
  let carry: FlowLine[] = [];

  const footHeight = (lines: FlowLine[]): number =>
    lines.length ? separator(g) + lines.reduce((h, l) => h + l.box.leading + l.spaceBefore, 0) : 0;

  const open = (): void => {
    page = { number: pages.length + 1, lines: [], rules: [], notes: [] };
    pages.push(page);
    top = g.top;
    body = [];
    foot = carry;
    carry = [];
  };

  const close = (): void => {
    const height = footHeight(foot);
    if (foot.length) {
      let y = g.bottom - height + separator(g);
      const ruleY = y - 6;
      page.rules.push({ x1: g.left, y1: ruleY, x2: g.left + g.footnoteRule, y2: ruleY, width: 0.5, colour: g.ruleColour });
      for (const line of foot) {
        y += line.spaceBefore;
        const baseline = y + line.box.leading * 0.78;
        const p: PlacedLine = { kind: 'note', x: g.left + line.indent, y: baseline, box: line.box };
        page.lines.push(p);
        record(p, line);
        y += line.box.leading;
      }
    }
  };

  const record = (p: PlacedLine, line: FlowLine): void => {
    placed.set(line, p);
    for (const anchor of p.box.anchors) {
      anchors[anchor.id] ??= { page: page.number, x: p.x + anchor.x, y: p.y - p.box.leading * 0.8 };
      if (anchor.id.startsWith('fn-') && line.kind === 'note' && !page.notes.includes(anchor.id)) page.notes.push(anchor.id);
    }
    if (line.kind === 'note') {
      const id = noteOf.get(line);
      if (id && !page.notes.includes(id)) page.notes.push(id);
    }
    if (line.outline) outline.push({ ...line.outline, page: page.number, y: p.y - p.box.leading * 0.85 });
  };

  const noteOf = new Map<FlowLine, string>();
  for (const [id, lines] of notes) for (const line of lines) noteOf.set(line, id);

  const newNotes = (chain: FlowLine[]): string[] => {
    const ids: string[] = [];
    for (const line of chain) for (const id of line.box.notes) if (!queued.has(id) && !ids.includes(id) && notes.has(id)) ids.push(id);
    return ids;
  };

  const place = (line: FlowLine): void => {
    const space = body.length ? line.spaceBefore : 0;
    top += space;
    const p: PlacedLine = { kind: line.kind, x: g.left + line.indent, y: top + line.box.leading * 0.78, box: line.box };
    top += line.box.leading;
    body.push(p);
    page.lines.push(p);
    record(p, line);
  };

  open();
  let i = 0;
  while (i < flow.length) {
    let j = i;
    while (j < flow.length - 1 && flow[j]!.keepWithNext && j - i < 12) j++;
    let chain = flow.slice(i, j + 1);
    const height = (lines: FlowLine[]): number =>
      lines.reduce((h, l, k) => h + l.box.leading + (k === 0 && !body.length ? 0 : l.spaceBefore), 0);
    let ids = newNotes(chain);
    let noteLines = ids.flatMap((id) => notes.get(id)!);
    const room = g.bottom - top;
    const fits = height(chain) + footHeight([...foot, ...noteLines]) <= room + 0.01;
    if (!fits) {
      // Notes may split: the chain stays if it and each new note's first line fit.
      const firsts = ids.map((id) => notes.get(id)![0]!);
      const minimal = height(chain) + footHeight([...foot, ...firsts]) <= room + 0.01;
      if (!minimal && body.length) {
        close();
        open();
        continue;
      }
      if (!minimal) {
        // Alone on a page and still too tall: give up the keep and set one line.
        chain = chain.slice(0, 1);
        ids = newNotes(chain);
        noteLines = ids.flatMap((id) => notes.get(id)!);
      }
      for (const line of chain) place(line);
      for (const id of ids) queued.add(id);
      // Fill the foot with as many note lines as fit; the rest continues overleaf.
      const pending = [...noteLines];
      while (pending.length && (footHeight([...foot, pending[0]!]) <= g.bottom - top + 0.01 || !foot.length)) foot.push(pending.shift()!);
      carry = pending;
      i += chain.length;
      close();
      open();
      continue;
    }
    for (const line of chain) place(line);
    for (const id of ids) queued.add(id);
    foot.push(...noteLines);
    i = j + 1;
  }
  // Notes still waiting for room get pages of their own.
  close();
  while (carry.length) {
    open();
    const pending = foot;
    foot = [];
    while (pending.length && (footHeight([...foot, pending[0]!]) <= g.bottom - g.top || !foot.length)) foot.push(pending.shift()!);
    carry = pending;
    close();
  }
  return { pages, outline, anchors, placed };
}
