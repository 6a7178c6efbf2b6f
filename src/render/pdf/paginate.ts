// Breaks the flow of frames into pages. The frames say where a page may break (flow.ts `breaks`):
// lines between two points a page may break at move as one chain (a heading with its paragraph's
// first lines, a paragraph's last two lines, a table row), however long. When a chain does not fit
// on a page with no text yet, the keeps that hold it together are given up, the innermost first (a
// table row taller than a page breaks between its lines before its heading lets go of it), and
// the chain is cut at the last point that fits. Each note goes to the foot of the page holding its
// first reference, under a short rule. A note longer than the room left is split between two of
// its lines (never after a hyphenated one) and continues at the foot of the next page, under a rule
// across the whole measure, before any note that starts there. Invariants, whatever the input:
// every line of every note is placed; the first line of a note is on the page of its first
// reference; no body line runs under the foot.
// Frames ask more of it than keeps: a table's header row is set again above a row that opens a
// page; a figure that does not fit goes to the top of the next page while the text after it fills
// the room (never past the next section's heading); a quote's bar runs on from line to line.
import { AFTER_HYPHEN, breaks, type FlowLine, type Frame, type Slot } from './flow.ts';
import type { Anchor, OutlineEntry, Page, PlacedLine, StructNode } from './types.ts';

export interface PageGeometry {
  /** Right edge of the text column. */
  right: number;
  /** Right-to-left: the note separator starts at the column's right edge, and indents and quote
   * bars are measured from it. */
  rtl: boolean;
  /** Left edge of the text column. */
  left: number;
  /** Top of the text area and bottom limit of text, from the page top. */
  top: number;
  bottom: number;
  /** Width of the text column (for the continuation rule). */
  measure: number;
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

/** A note line waiting for the foot, with the note it belongs to. */
interface NoteLine extends Slot {
  id: string;
}

/** Share of the text area a note continued from the page before may take, so the text it
 * interrupts goes on on every page (TeX's \dimen\footins plays this part). */
const CONTINUED_SHARE = 0.7;

const EPS = 0.01;

/** Space under the figures set at a page's top, above the text. */
const FLOAT_GAP = 10;

/** A link or bookmark opens the view this far above the line it goes to. */
const VIEW_MARGIN = 4;

export function paginate(frames: Frame[], noteFrames: Map<string, Frame>, g: PageGeometry): Paginated {
  const pages: Page[] = [];
  const outline: OutlineEntry[] = [];
  const anchors: Record<string, Anchor> = {};
  const placed = new Map<FlowLine, PlacedLine>();
  const flow = breaks(frames);
  const notes = new Map([...noteFrames].map(([id, note]) => [id, breaks([note]).map((slot): NoteLine => ({ ...slot, id }))]));
  /** Notes already given to a foot (whole or in part). */
  const queued = new Set<string>();
  const area = g.bottom - g.top;

  let page!: Page;
  let top = 0;
  let body = 0;
  let foot: NoteLine[] = [];
  /** The foot starts with the rest of a note begun on an earlier page. */
  let continued = false;
  /** Note lines that did not fit: they open the next page's foot. */
  let carry: NoteLine[] = [];
  let flowIndex = 0;
  /** Figures waiting for the top of the next page, each with the lines kept with it. */
  let floats: Slot[][] = [];
  const flowLeft = (): boolean => flowIndex < flow.length || floats.length > 0;
  /** Copies of a table's header row set above the row that opens a page. */
  const copies = new WeakSet<FlowLine>();
  /** Where the bar of each quote last ended, in the body and in the foot of this page. */
  let bars = new Map<StructNode, number>();
  const xOf = (line: FlowLine): number => g.left + (g.rtl ? g.measure - line.indent - line.box.measure : line.indent);

  const lineHeight = (l: FlowLine, first: boolean): number => l.box.leading + (first ? 0 : l.spaceBefore);
  const footHeight = (lines: NoteLine[]): number =>
    lines.length ? separator(g) + lines.reduce((h, l, k) => h + lineHeight(l.line, k === 0 && continued), 0) : 0;
  const withFoot = (extra: NoteLine[]): number => footHeight([...foot, ...extra]);

  /** How many of `pending` fit in `room` after the foot: split only after a line that is not
   * hyphenated, preferably where the note's keeps allow (not after a paragraph's first line or
   * before its last), else where the weakest of them is given up. 0 when not even the first
   * allowed piece fits. */
  const fitting = (pending: NoteLine[], room: number): number => {
    const barred = citedLater(pending);
    let best = 0;
    let weight = AFTER_HYPHEN;
    for (let k = 1; k <= pending.length; k++) {
      if (withFoot(pending.slice(0, k)) > room + EPS) break;
      if (barred[k]) continue;
      const last = pending[k - 1]!;
      const next = pending[k];
      const keep = !next || next.id !== last.id ? 0 : last.keep;
      if (keep <= weight && keep < AFTER_HYPHEN) {
        best = k;
        weight = keep;
      }
    }
    return best;
  };

  /** For each k, whether `pending` may not break after its first k lines: a line among them cites
   * a note whose first line comes after the break (its first line belongs on the citing line's
   * page). Such notes follow, in the carry, the note whose later lines cite them. */
  const citedLater = (pending: NoteLine[]): boolean[] => {
    const barred: boolean[] = [];
    const first = new Map<string, number>();
    pending.forEach((slot, k) => {
      if (!first.has(slot.id)) first.set(slot.id, k);
    });
    pending.forEach(({ line, id }, c) => {
      for (const cited of line.box.notes) {
        const f = first.get(cited);
        if (cited === id || f === undefined || f <= c) continue;
        for (let k = c + 1; k <= f; k++) barred[k] = true;
      }
    });
    return barred;
  };

  const open = (): void => {
    page = { number: pages.length + 1, lines: [], rules: [], notes: [] };
    pages.push(page);
    top = g.top;
    body = 0;
    foot = [];
    bars = new Map();
    continued = carry.length > 0;
    if (carry.length) openFoot();
    // Figures that did not fit on the page before open this one.
    const waiting = floats;
    floats = [];
    for (const chain of waiting) {
      if (floats.length || tryPlace(chain)) {
        if (floats.length) floats.push(chain);
        continue;
      }
      // Too tall even here: on a page with nothing else it is set anyway (it is never taller
      // than the text area); under a note carried over, it waits for the next page.
      if (foot.length) floats.push(chain);
      else for (const slot of chain) place(slot);
    }
    // Space between figures set at the top and the text under them.
    if (body && waiting.length) top += FLOAT_GAP;
  };

  const openFoot = (): void => {
    // What was carried over opens the foot, up to a share of the page while text is waiting.
    const pending = carry;
    const cap = flowLeft() ? area * CONTINUED_SHARE : area;
    let k = fitting(pending, cap);
    if (k === 0) k = 1;
    foot = pending.slice(0, k);
    carry = pending.slice(k);
  };

  const close = (): void => {
    if (!foot.length) return;
    const height = footHeight(foot);
    let y = g.bottom - height + separator(g);
    const ruleY = y - 6;
    // A continued note is marked by a rule across the measure; a page's own notes by a short one.
    const length = continued ? g.measure : g.footnoteRule;
    // Right to left, the short rule starts at the column's right edge.
    const x1 = g.rtl ? g.right - length : g.left;
    page.rules.push({ x1, y1: ruleY, x2: x1 + length, y2: ruleY, width: 0.5, colour: g.ruleColour });
    bars = new Map();
    foot.forEach((slot, k) => {
      const { line, id } = slot;
      if (!(k === 0 && continued)) y += line.spaceBefore;
      const baseline = y + line.box.leading * 0.78;
      const p: PlacedLine = { kind: 'note', x: xOf(line), y: baseline, box: line.box };
      page.lines.push(p);
      record(p, line);
      drawBars(slot, baseline);
      if (!page.notes.includes(id)) page.notes.push(id);
      y += line.box.leading;
    });
  };

  const record = (p: PlacedLine, line: FlowLine): void => {
    placed.set(line, p);
    for (const anchor of p.box.anchors) {
      anchors[anchor.id] ??= { page: page.number, x: p.x + anchor.x, y: p.y - p.box.leading * 0.8 - VIEW_MARGIN };
    }
    if (line.outline) outline.push({ ...line.outline, page: page.number, y: p.y - p.box.leading * 0.85 - VIEW_MARGIN });
  };

  // Notes are numbered in reading order, which is not line order in a table: a row's first line
  // may hold a later note of its last column before an earlier one wrapped in another. The foot
  // lists them by number, as a reader (and the audit) expects.
  const rank = new Map([...notes.keys()].map((id, k) => [id, k]));
  /** The notes `refs` cite that `wanted` takes, and those their texts cite in turn, in the order
   * met (breadth first), not looking into `skip`'s text. */
  const citedFrom = (refs: string[], wanted: (id: string) => boolean, skip?: string): Set<string> => {
    const found = new Set<string>();
    const queue = refs.filter(wanted);
    for (let k = 0; k < queue.length; k++) {
      const id = queue[k]!;
      if (found.has(id)) continue;
      found.add(id);
      if (id === skip) continue;
      for (const { line } of notes.get(id)!) for (const cited of line.box.notes) if (wanted(cited) && !found.has(cited)) queue.push(cited);
    }
    return found;
  };
  // A note cited only in another note's text comes with the note citing it (and so on).
  const newNotes = (chain: Slot[]): string[] =>
    [...citedFrom(chain.flatMap((s) => s.line.box.notes), (id) => !queued.has(id) && notes.has(id))].sort((a, b) => rank.get(a)! - rank.get(b)!);
  const linesOf = (ids: string[]): NoteLine[] => ids.flatMap((id) => notes.get(id)!);

  /** The bars of the quotes a line is in, each from where it last ended on this page (so it runs
   * on across the space between paragraphs) to the foot of the line. */
  const drawBars = ({ line, bars: quotes }: Slot, baseline: number): void => {
    for (const bar of quotes ?? []) {
      const x = g.left + (g.rtl ? g.measure - bar.x : bar.x);
      const y1 = bars.get(bar.quote) ?? baseline - line.box.leading * 0.75;
      const y2 = baseline + line.box.leading * 0.25;
      page.rules.push({ x1: x, y1, x2: x, y2, width: bar.width, colour: bar.colour });
      bars.set(bar.quote, y2);
    }
  };

  const place = (slot: Slot, under = false): void => {
    const { line } = slot;
    const space = body ? spaceOf(slot, under) : 0;
    top += space;
    const baseline = top + line.box.leading * 0.78;
    const p: PlacedLine = { kind: line.kind, x: xOf(line), y: baseline, box: line.box };
    if (copies.has(line)) p.repeated = true;
    top += line.box.leading;
    body++;
    page.lines.push(p);
    if (!p.repeated) record(p, line);
    drawBars(slot, baseline);
  };

  /** Space above a line; `under` a copy of its table's header row, the space between rows. */
  const spaceOf = (slot: Slot, under: boolean): number => (under ? Math.max(slot.line.spaceBefore, slot.headerGap ?? 0) : slot.line.spaceBefore);
  const chainHeight = (lines: Slot[], header: number): number =>
    lines.reduce((h, l, k) => h + l.line.box.leading + (k === 0 && !body ? 0 : spaceOf(l, k === header && header > 0)), 0);

  /** Tries to set `chain` on this page with its new notes: every new note whole except the last,
   * which may be split (its first line at least here). True when it was placed. A table's rows
   * opening a page come under a copy of its header row. */
  const tryPlace = (lines: Slot[]): boolean => {
    const header = body === 0 ? lines[0]?.header : undefined;
    const chain = header ? [...header.map(copyOf), ...lines] : lines;
    const ids = newNotes(chain);
    // A note begun on an earlier page must end before another starts: the new notes may follow
    // it on this page when the rest of it fits here too (else the page would close with its body
    // unfilled, the text waiting for the next note's page).
    if (ids.length && carry.length) {
      const rest = carry;
      foot.push(...rest);
      carry = [];
      if (tryPlace(lines)) return true;
      foot.length -= rest.length;
      carry = rest;
      return false;
    }
    const room = g.bottom - top - chainHeight(chain, header?.length ?? 0);
    if (room < -EPS) return false;
    const all = linesOf(ids);
    if (withFoot(all) <= room + EPS) {
      commit(chain, header?.length ?? 0, ids, all, []);
      return true;
    }
    // One note is split, its first line at least here: the last by number if it can be, else an
    // earlier one (a long note citing a later one, which must not wait for the long one whole).
    // The notes cited only in the split note's lines that go overleaf go with them.
    for (let s = ids.length - 1; s >= 0; s--) {
      const split = splitting(chain, ids, ids[s]!, room);
      if (!split) continue;
      commit(chain, header?.length ?? 0, ids, split.here, split.rest);
      return true;
    }
    return false;
  };

  /** The notes `ids` set with `split` broken: the lines here (every note cited on this page whole,
   * the first part of `split` last) and the lines carried overleaf (the rest of `split`, then the
   * notes cited only there), or nothing when not even `split`'s first line fits in `room`. */
  const splitting = (chain: Slot[], ids: string[], split: string, room: number): { here: NoteLine[]; rest: NoteLine[] } | undefined => {
    const lines = notes.get(split)!;
    // Notes reached from the chain without going through the split note, and those reached only
    // through it.
    const reached = citedFrom(chain.flatMap((s) => s.line.box.notes), (id) => ids.includes(id), split);
    const others = ids.filter((id) => id !== split && reached.has(id));
    const inside = ids.filter((id) => id !== split && !reached.has(id));
    const whole = linesOf(others);
    if (withFoot(whole) > room + EPS) return undefined;
    let best: { here: NoteLine[]; rest: NoteLine[] } | undefined;
    let weight = AFTER_HYPHEN;
    for (let k = 1; k < lines.length; k++) {
      const keep = lines[k - 1]!.keep;
      if (keep > weight || keep >= AFTER_HYPHEN) continue;
      // The notes inside cited from the part set here come whole.
      const cited = citedFrom(lines.slice(0, k).flatMap((l) => l.line.box.notes), (id) => inside.includes(id));
      const withThem = [...whole, ...linesOf(inside.filter((id) => cited.has(id)))];
      const here = [...withThem, ...lines.slice(0, k)];
      if (withFoot(here) > room + EPS) {
        // Longer parts cite as many notes or more: none of them fits either.
        break;
      }
      best = { here, rest: [...lines.slice(k), ...linesOf(inside.filter((id) => !cited.has(id)))] };
      weight = keep;
    }
    return best;
  };

  /** A copy of a header row's line: an artifact in the tagged PDF. */
  const copyOf = (slot: Slot): Slot => {
    const copy: FlowLine = { ...slot.line };
    copies.add(copy);
    return { ...slot, line: copy };
  };

  /** Sets `chain`, whose first `header` lines are a copy of a table's header row, and its notes. */
  const commit = (chain: Slot[], header: number, ids: string[], into: NoteLine[], rest: NoteLine[]): void => {
    chain.forEach((slot, k) => place(slot, k === header && header > 0));
    for (const id of ids) queued.add(id);
    foot.push(...into);
    // The page's notes by number: a note cited in another note's text comes with it (newNotes),
    // numbered after the notes the body cites, some of which may come later on this page. A note
    // continued from the page before stays first, and one continued on the next page last.
    const from = continued ? foot.findIndex((slot) => slot.id !== foot[0]!.id) : 0;
    if (from >= 0) {
      // The note split here, or by an earlier commit on this page (its rest is carried): a line
      // with no notes of its own must not sort it back among the others.
      const split = rest[0]?.id ?? carry[0]?.id;
      const last = (slot: NoteLine): number => (slot.id === split ? 1 : 0);
      foot.splice(from, foot.length - from, ...foot.slice(from).sort((a, b) => last(a) - last(b) || rank.get(a.id)! - rank.get(b.id)!));
    }
    // New notes come only when nothing is carried (see tryPlace), so `rest` never jumps a queue.
    if (rest.length) carry = rest;
  };

  /** Sets as much of `chain` as fits on this page, giving up its keeps the weakest first: for each
   * weight, the longest piece ending where only keeps up to that weight hold the lines together.
   * How many lines were set (0: not even one line fits). */
  const giveUp = (chain: Slot[], hyphen: boolean): number => {
    // Heights of the chain's first n lines, to skip pieces too tall before counting their notes.
    const heights = [0];
    chain.forEach((s, k) => heights.push(heights[k]! + lineHeight(s.line, k === 0 && !body)));
    const weights = [...new Set(chain.slice(0, -1).map((s) => s.keep))].filter((w) => hyphen || w < AFTER_HYPHEN).sort((a, b) => a - b);
    for (const weight of weights) {
      for (let n = chain.length - 1; n >= 1; n--) {
        if (chain[n - 1]!.keep > weight || top + heights[n]! > g.bottom + EPS) continue;
        if (tryPlace(chain.slice(0, n))) return n;
      }
    }
    return 0;
  };

  open();
  while (flowIndex < flow.length) {
    // The chain: lines up to the next point a page may break at.
    let j = flowIndex;
    while (j < flow.length - 1 && flow[j]!.keep > 0) j++;
    const chain = flow.slice(flowIndex, j + 1);
    // Figures stay in their section: a section starts after the figures waiting for a page.
    if (floats.length && chain[0]!.line.outline) {
      close();
      open();
      continue;
    }
    // A figure behind another waiting one waits too, so figures keep their order.
    if (chain[0]!.float && floats.length) {
      floats.push(chain);
      flowIndex += chain.length;
      continue;
    }
    if (tryPlace(chain)) {
      flowIndex += chain.length;
      continue;
    }
    const fresh = body === 0 && foot.length === 0;
    if (chain[0]!.float && !fresh) {
      // The figure goes to the next page's top; the text after it fills this page.
      floats.push(chain);
      flowIndex += chain.length;
      continue;
    }
    // Room is short on this page. With no text on it yet (an empty page, or one under a note
    // carried over), the chain's keeps are given up, the weakest first; after a hyphen only on an
    // empty page (the next one would be no roomier).
    if (body === 0) {
      const n = giveUp(chain, fresh);
      if (n) {
        flowIndex += n;
        continue;
      }
    }
    if (!fresh) {
      // A note carried over takes the room the text cannot use (it holds back the text's next
      // note), rather than leaving it empty.
      if (carry.length) {
        const k = fitting(carry, g.bottom - top);
        foot.push(...carry.slice(0, k));
        carry = carry.slice(k);
      }
      close();
      open();
      continue;
    }
    // An empty page and not even one line fits with its notes: set the line (with the first
    // lines of its notes); the foot takes whatever of them fits, the rest continues overleaf.
    const one = chain[0]!;
    const ids = newNotes([one]);
    const all = linesOf(ids);
    place(one);
    for (const id of ids) queued.add(id);
    const k = Math.max(1, fitting(all, g.bottom - top));
    foot.push(...all.slice(0, k));
    carry = all.slice(k);
    flowIndex += 1;
  }
  close();
  // Notes still waiting for room, and figures, get pages of their own.
  while (carry.length || floats.length) {
    open();
    close();
  }
  return { pages, outline, anchors, placed };
}
