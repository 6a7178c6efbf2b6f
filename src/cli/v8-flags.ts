// The V8 flags a build runs with, set when this module loads. The compiled command loads it before
// it compiles Folio's bundle (scripts/loader/load.cjs): V8 accepts a code cache only under the flags it
// was made with. Flags are process-wide, so worker threads get them too.
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { optimise } from '../pipeline/tiers.ts';

/** Sets the flags a build starts with (again, for the code cache, which carries the flags it was
 * made under: scripts/loader/load.cjs). */
export function setStartFlags(): void {
  // WebAssembly (harfbuzz, for PDF shaping) compiled by the baseline compiler only: measured on the
  // seed, the first PDF in a fresh process costs 0.77 s of CPU instead of 1.0 s and 35 MB less
  // memory (no optimising compile, and no wait at exit for it to finish), and a 42-edition PDF build
  // is no slower (shaping is a small part of it). Set before any writer loads; V8 flags are
  // process-wide, so worker threads get it too.
  setFlagsFromString('--liftoff-only');
  // Each WebAssembly function validated when it is first compiled (compiling is lazy already), not
  // all of harfbuzz's 444 KB before any runs: the module compiles in ~1.3 ms of CPU instead of
  // ~2.9 (new WebAssembly.Module in a fresh process, under these flags). The module is Folio's own,
  // checked when it was built; a function that failed validation would throw when first called.
  setFlagsFromString('--wasm-lazy-validation');
  // JavaScript optimised only once it has run eight times as long as V8's default budget (66 KB of
  // bytecode in Node 20's V8): a build is a short process, and the optimising compiler's work on
  // code that runs a few times (parsing, checks, the first pages' layout) costs more CPU than it
  // saves. Measured on the seed (bench/pdf.ts, start-up): its PDF in a fresh process 0.81 s of CPU
  // before, 0.53 s after; a 200-page edition's warm ms per page unchanged. Worker threads keep it
  // too: with V8's default in workers, 100 generated reports cost 12.9-13.1 s of CPU rather than
  // 11.8-12.2 (bench/corpus.ts, --jobs 2, two runs each).
  setFlagsFromString('--interrupt-budget=540672');
  // The old generation grows to twice what survives a full collection, not up to four times as V8
  // decides by default: a worker rendering hundreds of editions keeps ~50 MB alive but let its heap
  // reach ~190 MB between collections. Measured on 300 generated reports (bench/corpus.ts, --jobs 2):
  // peak RSS 592 MB before, 416 MB after, CPU 36.8 s before, 34.8 s after (noise on a loaded machine;
  // 1.5× instead cost 378 MB and 38.8 s).
  setFlagsFromString('--heap-growing-percent=100');
  // Each regular expression compiled once, to machine code, rather than first to V8's regexp
  // bytecode and again to machine code once it has run: the Unicode property classes Folio's
  // expressions use (\p{L}, \p{M}, …) are expanded and sorted at every compile. Measured on the
  // seed's first PDF in a fresh process (valgrind --tool=cachegrind, instructions, all threads):
  // 2,104 M before, 2,056–2,074 M after, of which Node's own start is 503 M.
  setFlagsFromString('--no-regexp-tier-up');
  // No optimising compiler (TurboFan) until this process has rendered a few editions: bytecode and
  // Sparkplug's baseline code only, as src/pipeline/tiers.ts explains, which lets TurboFan in for a
  // longer build. In a short one its compiles (~46 ms of CPU on background threads for the seed's
  // PDF) finish too late to pay for themselves. Set by the main thread only: V8's flags are the
  // process's, and worker threads start in a build that has let TurboFan in (setWorkerFlags).
  if (isMainThread) setFlagsFromString('--no-turbofan');
}

setStartFlags();

/** The flags a worker thread runs with: a build starts workers only once it has let V8's
 * optimising compiler in (src/pipeline/tiers.ts). */
export function setWorkerFlags(): void {
  setStartFlags();
  optimise();
}
