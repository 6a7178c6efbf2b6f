// Where editions are rendered: in this thread (--jobs 1, or a few editions to do), or in this
// thread and a pool of worker threads (tinypool: small, no dependencies, Node 20 in its engines).
// Each thread loads the writers, fonts and templates once and renders many editions, so a thread
// costs its start-up once per build, not once per edition.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEdition, type EditionOutcome, type EditionTask, type WriterSource } from './render-edition.ts';
import { isOptimised } from './tiers.ts';

export interface Renderer {
  /** Threads rendering at once. */
  readonly threads: number;
  /** Editions worth having in flight at once: more only holds trees and outputs in memory. */
  readonly capacity: number;
  /** Editions handed to this thread and to the workers so far. */
  readonly rendered: { here: number; workers: number };
  /** Renders an edition; `remaining` is how many the build has still to hand over, this one
   * included, when it knows. */
  render(task: EditionTask, remaining?: number): Promise<EditionOutcome>;
  /** Stops the workers, abandoning what they are rendering (a build interrupted by a signal). */
  close(): Promise<void>;
}

/** An edition rendered in this thread, from a copy of its task as a worker gets one. The parsed
 * text's strings are slices of the source file, and a slice keeps the whole file alive: the
 * writers' caches of shaped and hyphenated words, keyed by such slices, kept ~10 KB an edition
 * (13 MB of 600 generated reports). A copy costs ~0.1 ms an edition. */
function renderHere(task: EditionTask, loadWriter?: WriterSource): Promise<EditionOutcome> {
  return renderEdition(structuredClone(task), loadWriter);
}

export function inlineRenderer(loadWriter?: WriterSource): Renderer {
  const rendered = { here: 0, workers: 0 };
  return {
    threads: 1,
    capacity: 1,
    rendered,
    render: (task) => {
      rendered.here++;
      return renderHere(task, loadWriter);
    },
    close: async () => {},
  };
}

/** The worker entry beside this module: lib/worker.mjs once compiled (this module is then part of
 * lib/folio.cjs), a tsx bootstrap in src/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'worker-tsx.mjs' : 'worker.mjs');
}

/** Editions a worker holds at once: the one it renders and the next two, sent ahead. This thread
 * takes a worker's result and sends it another edition only between its own editions (one runs
 * ~45 ms, ~55 ms after parsing a report), so a worker holding only its next edition would idle
 * whenever that one is shorter than this thread's. A held edition costs only its tree. */
const HELD_PER_WORKER = 3;

/** The young generation of a worker's heap (V8 gives each thread a heap; the default is 48 MB).
 * Measured on 300 generated reports with --jobs 2: peak RSS 396 MB with the default, 364 MB with
 * 24 MB, 359 MB with 12 MB; CPU within the noise for 24 MB, ~3% more for 12 MB (more scavenges,
 * more objects promoted before they die). */
const WORKER_YOUNG_MB = 24;

/** `threads` editions at once: `threads - 1` worker threads, each always holding its next
 * editions, and this thread, which renders an edition itself only when every worker is fed. It
 * parses, checks and publishes every edition besides, so the share it renders adjusts itself
 * (about half of 616 editions with --jobs 2). This thread would otherwise only wait for the
 * workers, and a worker costs a start-up and a heap of its own: two workers and an idle main
 * thread peaked at ~470 MB on 300 generated reports. The build gives the event loop a turn before
 * each edition, which is when the workers' results come in and their queues are topped up. */
export async function poolRenderer(threads: number): Promise<Renderer> {
  const { Tinypool } = await import('tinypool');
  const workers = threads - 1;
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    // Sent to a worker as soon as handed over, so each finds its next edition in its own queue
    // rather than waiting for this thread to read its last result.
    concurrentTasksPerWorker: HELD_PER_WORKER,
    // Editions are independent: a worker keeps its warm writers from one edition to the next.
    isolateWorkers: false,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    // Which code cache a worker takes: the one made under the flags the build runs with, with V8's
    // optimising compiler let in or not (tiers.ts, scripts/loader/load.cjs).
    env: { ...process.env, FOLIO_WORKER_FLAGS: isOptimised() ? 'optimised' : 'start' },
  });
  // Editions sent to the workers whose result has not come back.
  let held = 0;
  const rendered = { here: 0, workers: 0 };
  return {
    threads,
    capacity: workers * HELD_PER_WORKER + 1,
    rendered,
    render: (task, remaining = Number.POSITIVE_INFINITY) => {
      // Near the end, a worker holds no more than this thread has left to render, so neither
      // waits for the other's last editions.
      if (held >= workers * HELD_PER_WORKER || held >= workers * remaining) {
        rendered.here++;
        return renderHere(task);
      }
      rendered.workers++;
      held++;
      return (pool.run(task) as Promise<EditionOutcome>).finally(() => held--);
    },
    close: () => pool.destroy(),
  };
}
