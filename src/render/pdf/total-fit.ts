// Knuth–Plass total-fit line breaking, as `tex-linebreak`'s `breakLines` does it (same passes,
// same arithmetic in the same order, same ties: the same breaks, as test/pdf-total-fit.test.ts
// checks against the library), with the candidates' nodes kept in typed arrays. Written by hand
// because the library makes an object for every pair of active node and break point it weighs,
// a Map for every break point and a node object for every feasible line: about 11 MB for the
// seed's English PDF, a third of what a fresh process's first PDF allocates in layout, which it
// pays for in scavenges and a full collection. Only what Folio uses: one line width for all lines.
import texLinebreak from 'tex-linebreak';
import type { Item } from './pieces.ts';

const { MIN_COST, MAX_COST } = texLinebreak;

const BOX = 0;
const GLUE = 1;
const PENALTY = 2;
const PARAGRAPH_START = -1;

export interface Weights {
  /** Demerits added when two consecutive lines end with a flagged (hyphen) penalty. */
  doubleHyphenPenalty: number;
  /** Demerits added when a line's fitness class differs from the previous line's by more than one. */
  adjacentLooseTightPenalty: number;
}

/** Growable node store: a node is a feasible break with the best way found to reach it. */
class Nodes {
  count = 0;
  index = new Int32Array(64);
  line = new Int32Array(64);
  fitness = new Int8Array(64);
  fallback = new Uint8Array(64);
  demerits = new Float64Array(64);
  prev = new Int32Array(64);
  /** Where the content of a line from the node starts (its first box or forbidden break). */
  start = new Int32Array(64);
  /** The prefix sums at that start, for lines of more than the start: box widths before it, and
   * glue width, stretch and shrink up to it. Plain arrays made to hold any value (the null they
   * start with), so that they hold each number as the one heap number made when it is stored:
   * read back, a number from a typed array or an array of numbers is a new heap number each time
   * in unoptimised code, and these are read for every line weighed. */
  startBox: (number | null)[] = [null];
  startGlue: (number | null)[] = [null];
  startStretch: (number | null)[] = [null];
  startShrink: (number | null)[] = [null];

  add(index: number, line: number, fitness: number, fallback: boolean, demerits: number, prev: number): number {
    const k = this.count;
    if (k === this.index.length) this.#grow();
    this.index[k] = index;
    this.line[k] = line;
    this.fitness[k] = fitness;
    this.fallback[k] = fallback ? 1 : 0;
    this.demerits[k] = demerits;
    this.prev[k] = prev;
    this.count = k + 1;
    return k;
  }

  #grow(): void {
    const n = this.index.length * 2;
    const grown = <T extends Int32Array | Int8Array | Uint8Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.index = grown(this.index, Int32Array);
    this.line = grown(this.line, Int32Array);
    this.fitness = grown(this.fitness, Int8Array);
    this.fallback = grown(this.fallback, Uint8Array);
    this.demerits = grown(this.demerits, Float64Array);
    this.prev = grown(this.prev, Int32Array);
    this.start = grown(this.start, Int32Array);
  }
}

/** The items as the breaker reads them: kinds, costs, flags and prefix sums. */
interface Prepared {
  n: number;
  kind: Uint8Array;
  cost: Float64Array;
  flagged: Uint8Array;
  width: Float64Array;
  boxWidth: Float64Array;
  glueWidth: Float64Array;
  glueStretch: Float64Array;
  glueShrink: Float64Array;
  /** For each break point, the least width any later break point's line from here needs (the
   * library's look-ahead: an active node is dropped once no later break can be reached). */
  reach: Float64Array;
  /** The next box or forbidden break at or after each index. */
  content: Int32Array;
  negativeGlue: boolean;
  negativeWidth: boolean;
}

/** The arrays of the paragraph being broken, kept from one paragraph to the next (the breaker
 * is synchronous and never re-entered) and grown as needed: entries past `n` are stale. */
let scratch: Prepared | undefined;

function prepare(items: Item[]): Prepared {
  const n = items.length;
  if (!scratch || scratch.kind.length < n + 1) {
    const size = Math.max(n + 1, 2 * (scratch?.kind.length ?? 512));
    scratch = {
      n: 0, kind: new Uint8Array(size), cost: new Float64Array(size), flagged: new Uint8Array(size), width: new Float64Array(size),
      boxWidth: new Float64Array(size), glueWidth: new Float64Array(size), glueStretch: new Float64Array(size), glueShrink: new Float64Array(size),
      reach: new Float64Array(size), content: new Int32Array(size), negativeGlue: false, negativeWidth: false,
    };
  }
  const p = scratch;
  const { kind, cost, flagged, width, boxWidth, glueWidth, glueStretch, glueShrink, reach, content } = p;
  p.n = n;
  p.negativeGlue = false;
  p.negativeWidth = false;
  // Prefix sums as the library makes them (adding nothing for the other kinds of item), carried
  // in locals: a number read back from a typed array is a new heap number in unoptimised code.
  let boxes = 0, glue = 0, stretch = 0, shrink = 0;
  boxWidth[0] = glueWidth[0] = glueStretch[0] = glueShrink[0] = 0;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const w = item.width;
    width[i] = w;
    if (w < 0) p.negativeWidth = true;
    // The look-ahead's own term for a break here (see `reach`), from the sums up to before it.
    let own = Infinity;
    if (item.type === 'box') {
      kind[i] = BOX;
      cost[i] = 0;
      flagged[i] = 0;
      boxes = boxes + w;
    } else if (item.type === 'glue') {
      kind[i] = GLUE;
      cost[i] = 0;
      flagged[i] = 0;
      if (item.stretch < 0 || item.shrink < 0) p.negativeGlue = true;
      if (i > 0 && kind[i - 1] === BOX) own = boxes + glue - shrink + 0;
      glue = glue + w;
      stretch = stretch + item.stretch;
      shrink = shrink + item.shrink;
    } else {
      kind[i] = PENALTY;
      cost[i] = item.cost;
      flagged[i] = item.flagged ? 1 : 0;
      if (item.cost < MAX_COST) own = boxes + glue - shrink + w;
    }
    boxWidth[i + 1] = boxes;
    glueWidth[i + 1] = glue;
    glueStretch[i + 1] = stretch;
    glueShrink[i + 1] = shrink;
    reach[i] = own;
  }
  // For each break point, the least of the later break points' terms (none: no look-ahead).
  if (p.negativeGlue) reach.fill(Infinity, 0, n);
  else {
    let least = Infinity;
    for (let e = n - 1; e >= 0; e--) {
      if (reach[e] !== Infinity) {
        const own = reach[e]!;
        reach[e] = least;
        least = Math.min(least, own);
      }
    }
  }
  content[n] = n;
  for (let t = n - 1; t >= 0; t--) content[t] = kind[t] === BOX || (kind[t] === PENALTY && cost[t]! >= MAX_COST) ? t : content[t + 1]!;
  return p;
}

function isBreak(kind: Uint8Array, cost: Float64Array, t: number): boolean {
  return kind[t] === GLUE ? t > 0 && kind[t - 1] === BOX : kind[t] === PENALTY && cost[t]! < MAX_COST;
}

/** A pass's outcome: the breaks, or a looser ratio to try again with, or no breaks within the
 * ratio the caller allows (the library's MaxAdjustmentExceededError). */
type Pass = { breaks: number[] } | { retry: number } | { exceeded: true };

/** Break positions (0 first, then the index of each break item), or undefined when no set of
 * breaks keeps every line within `maxRatio` (null: none is too loose, the breaker loosens its
 * first bound of `initialRatio` until one fits). */
export function totalFit(items: Item[], measure: number, weights: Weights, initialRatio: number, maxRatio: number | null): number[] | undefined {
  if (items.length === 0) return [];
  const last = items[items.length - 1]!;
  if (!(last.type === 'penalty' && last.cost <= MIN_COST)) throw new Error('Paragraph items must end with a forced break');
  const p = prepare(items);
  let bound = Math.min(initialRatio, maxRatio !== null ? maxRatio : Infinity);
  for (;;) {
    const result = pass(p, measure, weights, bound, maxRatio);
    if ('breaks' in result) return result.breaks;
    if ('exceeded' in result) return undefined;
    bound = Math.min(result.retry, maxRatio !== null ? maxRatio : Infinity);
  }
}

/** A pass's nodes, active list and candidates, kept from one pass to the next like `scratch`. */
const store = {
  nodes: new Nodes(),
  active: new Int32Array(64),
  candKey: new Int32Array(16),
  candFitness: new Int8Array(16),
  candDemerits: new Float64Array(16),
  candPrev: new Int32Array(16),
};

function pass(p: Prepared, measure: number, weights: Weights, bound: number, maxRatio: number | null): Pass {
  const { n, kind, cost, flagged, width, boxWidth, glueWidth, glueStretch, glueShrink, reach, content } = p;
  const nodes = store.nodes;
  nodes.count = 0;
  const { startBox, startGlue, startStretch, startShrink } = nodes;
  const add = (index: number, line: number, fitness: number, fallback: boolean, demerits: number, prev: number): number => {
    const node = nodes.add(index, line, fitness, fallback, demerits, prev);
    const start = index === PARAGRAPH_START ? content[0]! : content[index + (kind[index] === PENALTY ? 1 : 0)]!;
    nodes.start[node] = start;
    if (start < n) {
      startBox[node] = boxWidth[start]!;
      startGlue[node] = glueWidth[start + 1]!;
      startStretch[node] = glueStretch[start + 1]!;
      startShrink[node] = glueShrink[start + 1]!;
    }
    return node;
  };
  let active = store.active;
  let activeCount = 1;
  active[0] = add(PARAGRAPH_START, 0, 0, false, 0, -1);
  // This break point's best candidates, one per line number and fitness class, in the order
  // their keys were first met (a Map's order in the library).
  let { candKey, candFitness, candDemerits, candPrev } = store;
  let candCount = 0;
  let smallestExcess = Infinity;
  for (let b = 0; b < n; b++) {
    if (!isBreak(kind, cost, b)) continue;
    const forced = kind[b] === PENALTY && cost[b]! <= MIN_COST;
    // What the lines ending here share, read once: in a fresh process this code runs unoptimised,
    // where every number read from a typed array or computed that is not a small integer is a new
    // heap object, so the loop below reads and computes only what each line needs.
    const boxesTo = boxWidth[b + 1]!;
    const glueTo = glueWidth[b]!;
    const stretchTo = glueStretch[b]!;
    const shrinkTo = glueShrink[b]!;
    const penaltyWidth = kind[b] === PENALTY ? width[b]! : 0;
    let lastDropped = -1;
    candCount = 0;
    let kept = 0;
    for (let a = 0; a < activeCount; a++) {
      const node = active[a]!;
      const from = nodes.index[node]!;
      // The line from the node's break to this one: natural length, stretch or shrink, and where
      // its content starts (only to drop a node).
      const start = nodes.start[node]!;
      // Where the line's content starts, and its glue after that first item.
      const first = start < b + 1 ? start : b + 1;
      const glueFrom = first + 1 < b ? first + 1 : b;
      let ratio = 0;
      if (start < b) {
        // The common case, from the node's sums (first = start, glueFrom = start + 1). Adding a
        // penalty width of 0 could only turn a -0 into 0, which nothing after tells apart.
        let length = boxesTo - (startBox[node] as number) + (glueTo - (startGlue[node] as number));
        if (penaltyWidth !== 0) length = length + penaltyWidth;
        if (length < measure) ratio = (measure - length) / (stretchTo - (startStretch[node] as number));
        else if (length > measure) ratio = (measure - length) / (shrinkTo - (startShrink[node] as number));
      } else if (first <= b) {
        const length = boxesTo - boxWidth[first]! + (glueTo - glueWidth[glueFrom]!) + penaltyWidth;
        if (length < measure) ratio = (measure - length) / (stretchTo - glueStretch[glueFrom]!);
        else if (length > measure) ratio = (measure - length) / (shrinkTo - glueShrink[glueFrom]!);
      } else if (measure !== 0) ratio = measure / 0; // an empty line: infinitely loose (or tight)
      if (ratio > bound && ratio < smallestExcess) smallestExcess = ratio;
      let drop = forced;
      if (!drop && ratio < -1 && !((nodes.fallback[node] === 1 && p.negativeWidth) || p.negativeGlue)) {
        const startOffset = first <= b ? boxWidth[first]! + glueWidth[first]! - glueShrink[first]! : 0;
        drop = reach[b]! > measure + startOffset;
      }
      if (drop) lastDropped = node;
      else active[kept++] = node;
      if (ratio >= -1 && ratio <= bound) {
        const badness = 100 * Math.abs(ratio) ** 3;
        const penalty = kind[b] === PENALTY ? cost[b]! : 0;
        let demerits = penalty >= 0 ? (1 + badness + penalty) ** 2 : penalty > MIN_COST ? (1 + badness) ** 2 - penalty ** 2 : (1 + badness) ** 2;
        let extra = 0;
        if (kind[b] === PENALTY && from !== PARAGRAPH_START && kind[from] === PENALTY && flagged[b] === 1 && flagged[from] === 1) extra = weights.doubleHyphenPenalty;
        demerits += extra;
        const fitness = ratio < -0.5 ? 0 : ratio < 0.5 ? 1 : ratio < 1 ? 2 : 3;
        if (from !== PARAGRAPH_START && Math.abs(fitness - nodes.fitness[node]!) > 1) demerits += weights.adjacentLooseTightPenalty;
        const total = nodes.demerits[node]! + demerits;
        const key = 4 * (nodes.line[node]! + 1) + fitness;
        let c = 0;
        while (c < candCount && candKey[c] !== key) c++;
        if (c === candCount) {
          if (candCount === candKey.length) {
            store.candKey = candKey = grow(candKey, Int32Array);
            store.candFitness = candFitness = grow(candFitness, Int8Array);
            store.candDemerits = candDemerits = grow(candDemerits, Float64Array);
            store.candPrev = candPrev = grow(candPrev, Int32Array);
          }
          candKey[c] = key;
          candFitness[c] = fitness;
          candDemerits[c] = total;
          candPrev[c] = node;
          candCount++;
        } else if (total < candDemerits[c]!) {
          candFitness[c] = fitness;
          candDemerits[c] = total;
          candPrev[c] = node;
        }
      }
    }
    activeCount = kept;
    if (activeCount + candCount + 1 > active.length) store.active = active = grow(active, Int32Array, activeCount + candCount + 1);
    for (let c = 0; c < candCount; c++) {
      const prev = candPrev[c]!;
      active[activeCount++] = add(b, nodes.line[prev]! + 1, candFitness[c]!, false, candDemerits[c]!, prev);
    }
    if (activeCount === 0) {
      if (Number.isFinite(smallestExcess)) {
        if (maxRatio === bound) return { exceeded: true };
        return { retry: 2 * smallestExcess };
      }
      active[activeCount++] = add(b, nodes.line[lastDropped]! + 1, 1, true, nodes.demerits[lastDropped]! + 1e3, lastDropped);
    }
  }
  let best = -1;
  for (let a = 0; a < activeCount; a++) {
    const node = active[a]!;
    if (best < 0 || nodes.demerits[node]! < nodes.demerits[best]!) best = node;
  }
  const breaks: number[] = [];
  for (let node = best; node >= 0; node = nodes.prev[node]!) breaks.push(nodes.index[node] === PARAGRAPH_START ? 0 : nodes.index[node]!);
  return { breaks: breaks.reverse() };
}

function grow<T extends Int32Array | Int8Array | Float64Array>(a: T, make: new (n: number) => T, atLeast = 0): T {
  const b = new make(Math.max(a.length * 2, atLeast));
  b.set(a);
  return b;
}
