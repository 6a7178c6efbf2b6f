// When V8's optimising compiler may work on Folio's code. A build starts without it (`--no-turbofan`,
// set with the other V8 flags in src/cli/v8-flags.ts): bytecode and Sparkplug's baseline code only.
// TurboFan's compiles cost CPU on background threads from the first edition on, and in a short
// build the optimised code arrives too late to repay them; in a long one it is what makes the
// later editions fast. Measured with TurboFan from the start → without it (CPU, --jobs 1, all four
// formats unless said; load average 8–10 on 2 cores, so ±5%): the seed's English PDF alone 333 →
// 283 ms beyond Node's start; the six seed editions 1.41 → 1.28 s; 14 generated editions 1.95 →
// 1.89 s; 27 editions 3.24 → 3.47 s; 64 editions 6.1 → 7.8 s. A build of many editions therefore
// lets it in before the first, and runs as it always did. So does a build of few but long editions:
// what counts is how much text is set. One edition, all four formats, CPU without → with TurboFan
// (2 cores, load ~1): the seed's English text repeated to 30 KB 0.38 → 0.45 s, 59 KB 0.50 → 0.58 s,
// 117 KB 0.74 → 0.78 s, 233 KB 1.25 → 1.19 s; a generated report of 3,000 notes (900 KB) 7.2 → 5.1 s.
// (Wall time gains sooner, the compiles running on the other core: 0.71 → 0.60 s at 117 KB.)
import { setFlagsFromString } from 'node:v8';

/** Editions from which TurboFan pays for itself: a build rendering as many lets it in at once,
 * and a long-lived process (`folio watch`) once a thread has rendered as many. */
export const editionsWorthOptimising = 16;

/** Bytes of source text from which it pays, however few the editions: about as much text as
 * `editionsWorthOptimising` editions of the seed's length. */
export const textWorthOptimising = 200_000;

let rendered = 0;
let parsedText = 0;
let optimised = false;

/** Lets TurboFan in for the rest of the process (V8's flags are the process's: every thread). */
export function optimise(): void {
  optimised = true;
  setFlagsFromString('--turbofan');
  // With a third less inlining than V8's default budget (920 bytes of bytecode a function):
  // TurboFan compiles less while the first editions run, and what it no longer inlines runs as
  // fast once the build is long. Measured on generated reports (bench/corpus.ts, CPU, --jobs 2):
  // 10 reports 2.89 -> 2.66 s, 100 reports 11.78 -> 10.98 s, 1,000 reports 78.7 -> 77.7 s; with
  // no inlining at all 100 reports cost more (--jobs 1: 9.31 s against 9.02).
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
}

/** A build is about to render `editions` editions of `text` bytes of source in all. Its worker
 * threads, if it starts any, run under the flags this leaves (V8's flags are the process's), and
 * load the code cache made under them (src/pipeline/pool.ts, scripts/loader/load.cjs). Measured on
 * the seed's six editions, all four formats, --jobs 2 (one worker beside this thread; medians of
 * 7): with TurboFan let in for every build with workers, 0.69 s wall and 1.13 s of CPU; as any
 * build of six editions, without it, 0.63 s and 0.98 s. */
export function rendering(editions: number, text = 0): void {
  if (editions >= editionsWorthOptimising || text >= textWorthOptimising) optimise();
}

/** Whether TurboFan is let in, in this process. */
export function isOptimised(): boolean {
  return optimised;
}

/** Counts `text` characters of source this thread is about to parse (src/pipeline/load.ts): a
 * long-lived process (`folio watch`) and `folio check`, which renders nothing, let TurboFan in once
 * they have as much text to parse as a long build sets. */
export function textParsed(text: number): void {
  parsedText += text;
  if (!optimised && parsedText >= textWorthOptimising) optimise();
}

/** Counts an edition this thread rendered. */
export function editionRendered(): void {
  rendered += 1;
  if (!optimised && rendered >= editionsWorthOptimising) optimise();
}
