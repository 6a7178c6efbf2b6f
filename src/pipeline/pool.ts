// Where editions are rendered: in this thread (--jobs 1, or a few editions to do), or in this
// thread and a pool of worker threads (tinypool: small, no dependencies, Node 20 in its engines).
// Each thread loads the writers, fonts and templates once and renders many editions, so a thread
// costs its start-up once per build, not once per edition.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderEdition, type EditionOutcome, type EditionTask, type WriterSource } from './render-edition.ts';

export interface Renderer {
  /** Threads rendering at once. */
  readonly threads: number;
  render(task: EditionTask): Promise<EditionOutcome>;
  /** Stops the workers, abandoning what they are rendering (a build interrupted by a signal). */
  close(): Promise<void>;
}

export function inlineRenderer(loadWriter?: WriterSource): Renderer {
  return { threads: 1, render: (task) => renderEdition(task, loadWriter), close: async () => {} };
}

/** The worker entry beside this module: lib/worker.mjs once compiled (this module is then part of
 * lib/folio.cjs), a tsx bootstrap in src/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith('.ts') ? 'worker-tsx.mjs' : 'worker.mjs');
}

/** `threads` editions at once: one in this thread, the others in `threads - 1` worker threads.
 * This thread would otherwise only wait for the workers between parsing editions, and a worker
 * costs a start-up and a heap of its own: on 300 generated reports with --jobs 2, two workers and
 * an idle main thread peaked at ~470 MB. An edition goes to this thread when it is free, else to
 * the pool's queue, which the build keeps a few editions deep so the workers never wait. */
export async function poolRenderer(threads: number): Promise<Renderer> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: threads - 1,
    maxThreads: threads - 1,
    // Editions are independent: a worker keeps its warm writers from one edition to the next.
    isolateWorkers: false,
  });
  let busyHere = false;
  return {
    threads,
    render: async (task) => {
      if (busyHere) return pool.run(task) as Promise<EditionOutcome>;
      busyHere = true;
      try {
        return await renderEdition(task);
      } finally {
        busyHere = false;
      }
    },
    close: () => pool.destroy(),
  };
}
