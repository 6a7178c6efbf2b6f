// Knuth–Plass total-fit line breaking: tex-linebreak's `breakLines`, the same demerits, fitness
// classes, tolerance and retry, with one change that makes it linear in the paragraph's length.
//
// Written here rather than taken from tex-linebreak because its breaker keeps, at each break, the
// best candidate for every line number and fitness class. With one measure for every line (the
// only case Folio has), the line number changes nothing that follows: the next line's width,
// badness and demerits do not depend on it. Kept per line number, the active list grows with every
// line count the paragraph's prefixes can reach, and the work with the square of its length: a note
// of 6,000 words (37,000 items) took 2.8 s a pass, where a build of all four formats of the seed
// takes 0.2 s. Knuth and Plass make the same observation (lines past the last one with a width of
// its own are interchangeable; TeX's `easy_line`), and so keep one candidate per fitness class:
// the same optimum, in time proportional to the number of breaks times the few that fit on a line.
import texLinebreak from 'tex-linebreak';
import type { Item } from './pieces.ts';

const { MaxAdjustmentExceededError, MAX_COST, MIN_COST } = texLinebreak;

export interface TotalFitOptions {
  /** No line's spaces stretch beyond this many times their stretch; null: any, as a last resort. */
  maxAdjustmentRatio: number | null;
  /** The tolerance tried first: raised (to twice the least ratio that would have fitted) while no
   * set of breaks fits, up to maxAdjustmentRatio. */
  initialMaxAdjustmentRatio: number;
  /** Added to a break's demerits when it and the break before it both end with a hyphen. */
  doubleHyphenPenalty: number;
  /** Added when a line's fitness class is more than one from the line before's. */
  adjacentLooseTightPenalty: number;
  /** Added to the last line's demerits when the line before it ends with a hyphen (TeX's
   * \finalhyphendemerits; tex-linebreak has none): the hyphen would leave a word's end alone on
   * the paragraph's last line. */
  finalHyphenDemerits?: number;
  /** Stretch every line has at its end, besides its spaces' (TeX's \rightskip, `0pt plus 2em`
   * under \raggedright): a ragged line may fall short of the measure by that much at a ratio of 1,
   * even one holding a single word, which has no space to stretch. */
  lineEndStretch?: number;
  /** Counts the work, for tests: lines weighed (an active break and a later one), the active
   * breaks there were at each break (weighed or known too short), and the longest the active list
   * grew. */
  stats?: { weighed: number; active: number; mostActive: number };
}

interface Node {
  /** The break's item (-1: the paragraph's start). */
  index: number;
  /** 0 tight, 1 decent, 2 loose, 3 very loose. */
  fitness: number;
  /** Made because no set of breaks fitted at all: the break before had to overfill its line. */
  isFallback: boolean;
  totalDemerits: number;
  prev: Node | null;
}

const START = -1;

const isForced = (item: Item): boolean => item.type === 'penalty' && item.cost <= MIN_COST;
/** A box, or a penalty that forbids a break: where a line's content starts. */
const isContent = (item: Item): boolean => item.type === 'box' || (item.type === 'penalty' && item.cost >= MAX_COST);

/** Break positions for `items` set in lines `measure` wide, as tex-linebreak's breakLines gives
 * them (0, then the index of each break); throws its MaxAdjustmentExceededError when no set of
 * breaks keeps within maxAdjustmentRatio. The items must end with a forced break. */
export function totalFit(items: Item[], measure: number, options: TotalFitOptions): number[] {
  const n = items.length;
  if (n === 0) return [];
  if (!isForced(items[n - 1]!)) throw new Error('Paragraph items must end with a forced break');
  let negativeGlue = false;
  let negativeWidth = false;
  // Widths, stretch and shrink of what comes before each index.
  const boxWidth = new Float64Array(n + 1);
  const glueWidth = new Float64Array(n + 1);
  const glueStretch = new Float64Array(n + 1);
  const glueShrink = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (item.width < 0) negativeWidth = true;
    const glue = item.type === 'glue';
    if (glue && (item.stretch < 0 || item.shrink < 0)) negativeGlue = true;
    boxWidth[i + 1] = boxWidth[i]! + (item.type === 'box' ? item.width : 0);
    glueWidth[i + 1] = glueWidth[i]! + (glue ? item.width : 0);
    glueStretch[i + 1] = glueStretch[i]! + (glue ? item.stretch : 0);
    glueShrink[i + 1] = glueShrink[i]! + (glue ? item.shrink : 0);
  }
  const breakable = (i: number): boolean => {
    const item = items[i]!;
    return item.type === 'glue' ? i > 0 && items[i - 1]!.type === 'box' : item.type === 'penalty' && item.cost < MAX_COST;
  };
  // The least width (spaces shrunk) of everything up to the next break after each break: a node
  // whose line is already overfull can go once no later break could bring it back within shrink.
  const ahead = new Float64Array(n).fill(Infinity);
  if (!negativeGlue) {
    for (let i = 0; i < n; i++) {
      if (!breakable(i)) continue;
      const item = items[i]!;
      ahead[i] = boxWidth[i + 1]! + glueWidth[i]! - glueShrink[i]! + (item.type === 'penalty' ? item.width : 0);
    }
    let least = Infinity;
    for (let i = n - 1; i >= 0; i--) {
      const own = ahead[i]!;
      if (own === Infinity) continue;
      ahead[i] = least;
      least = Math.min(least, own);
    }
  }
  // Where a line's content starts after each index: the next box or unbreakable penalty.
  const contentAt = new Int32Array(n + 1);
  contentAt[n] = n;
  for (let i = n - 1; i >= 0; i--) contentAt[i] = isContent(items[i]!) ? i : contentAt[i + 1]!;

  const tolerance = Math.min(options.initialMaxAdjustmentRatio, options.maxAdjustmentRatio ?? Infinity);
  const lineEnd = options.lineEndStretch ?? 0;
  const { doubleHyphenPenalty, adjacentLooseTightPenalty, stats } = options;
  const finalHyphenDemerits = options.finalHyphenDemerits ?? 0;
  // Whether a line starting at a later break is never longer, nor has more stretch.
  const monotonic = !negativeWidth && !negativeGlue;
  let active: Node[] = [{ index: START, fitness: 0, isFallback: false, totalDemerits: 0, prev: null }];
  let next: Node[] = [];
  // The least ratio above the tolerance met, to retry with when nothing fits.
  let leastOver = Infinity;
  // This break's best candidate of each fitness class, and the order they were first found in.
  const best: (Node | undefined)[] = [undefined, undefined, undefined, undefined];
  const order: number[] = [];

  for (let b = 0; b < n; b++) {
    if (!breakable(b)) continue;
    const item = items[b]!;
    const forced = isForced(item);
    const penaltyWidth = item.type === 'penalty' ? item.width : 0;
    const cost = item.type === 'penalty' ? item.cost : 0;
    const flagged = item.type === 'penalty' && item.flagged === true;
    let lastDropped: Node | undefined;
    next.length = 0;
    if (stats) {
      stats.active += active.length;
      stats.mostActive = Math.max(stats.mostActive, active.length);
    }
    // Indexed loops, not for…of, and no destructuring: unoptimised (a fresh process sets its
    // first paragraphs in V8's baseline tiers), each for…of step and each [a, b] = [b, a] allocates
    // iterator objects, here once for every active break at every breakpoint.
    for (let a = 0; a < active.length; a++) {
      const node = active[a]!;
      if (stats) stats.weighed++;
      // The line from `node` to this break: its natural width, stretch and shrink.
      const from = node.index === START ? contentAt[0]! : contentAt[node.index + (items[node.index]!.type === 'penalty' ? 1 : 0)]!;
      const start = Math.min(from, b + 1);
      let width = 0;
      let stretch = 0;
      let shrink = 0;
      let offset = 0;
      if (start <= b) {
        const glueFrom = Math.min(start + 1, b);
        width = boxWidth[b + 1]! - boxWidth[start]! + (glueWidth[b]! - glueWidth[glueFrom]!) + penaltyWidth;
        stretch = glueStretch[b]! - glueStretch[glueFrom]! + lineEnd;
        shrink = glueShrink[b]! - glueShrink[glueFrom]!;
        offset = boxWidth[start]! + glueWidth[start]! - glueShrink[start]!;
      }
      const ratio = width < measure ? (measure - width) / stretch : width > measure ? (measure - width) / shrink : 0;
      if (ratio > tolerance) {
        leastOver = Math.min(ratio, leastOver);
        // The active breaks are in the order of their items, so the lines from those after this
        // one are shorter still and have less to stretch: too short as well, with a greater
        // ratio. They stay active, and none needs weighing (unless a forced break drops them
        // all, or negative widths or stretch make lines no shorter for starting later).
        if (!forced && monotonic) {
          for (let k = a; k < active.length; k++) next.push(active[k]!);
          break;
        }
      }
      const mayDrop = !((node.isFallback && negativeWidth) || negativeGlue);
      const dropped = forced || (mayDrop && ratio < -1 && ahead[b]! > measure + offset);
      if (dropped) lastDropped = node;
      else next.push(node);
      if (ratio < -1 || ratio > tolerance) continue;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = cost >= 0 ? (1 + badness + cost) ** 2 : cost > MIN_COST ? (1 + badness) ** 2 - cost ** 2 : (1 + badness) ** 2;
      const before = node.index === START ? undefined : items[node.index]!;
      if (before?.type === 'penalty' && before.flagged) {
        if (flagged) demerits += doubleHyphenPenalty;
        if (b === n - 1) demerits += finalHyphenDemerits;
      }
      const fitness = ratio < -0.5 ? 0 : ratio < 0.5 ? 1 : ratio < 1 ? 2 : 3;
      if (node.index !== START && Math.abs(fitness - node.fitness) > 1) demerits += adjacentLooseTightPenalty;
      const totalDemerits = node.totalDemerits + demerits;
      const known = best[fitness];
      if (!known) order.push(fitness);
      if (!known || totalDemerits < known.totalDemerits) best[fitness] = { index: b, fitness, isFallback: false, totalDemerits, prev: node };
    }
    for (let k = 0; k < order.length; k++) {
      next.push(best[order[k]!]!);
      best[order[k]!] = undefined;
    }
    order.length = 0;
    const done = active;
    active = next;
    next = done;
    if (active.length > 0) continue;
    // Nothing fits: with a higher tolerance if one would do, else past an overfull line.
    if (Number.isFinite(leastOver)) {
      if (options.maxAdjustmentRatio === tolerance) throw new MaxAdjustmentExceededError();
      return totalFit(items, measure, { ...options, initialMaxAdjustmentRatio: 2 * leastOver });
    }
    const prev = lastDropped!;
    active.push({ index: b, fitness: 1, isFallback: true, totalDemerits: prev.totalDemerits + 1000, prev });
  }
  let chosen: Node | null = null;
  for (const node of active) if (!chosen || node.totalDemerits < chosen.totalDemerits) chosen = node;
  const breaks: number[] = [];
  for (let node = chosen; node; node = node.prev) breaks.push(node.index === START ? 0 : node.index);
  return breaks.reverse();
}
