// Where editions are rendered: in this thread (--jobs 1, or a single edition to do), or in a pool
// of worker threads (tinypool: small, no dependencies, Node 20 in its engines). Each worker loads
// the writers, fonts and templates once and renders many editions, so a thread costs its start-up
// once per build, not once per edition.
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

export async function poolRenderer(threads: number): Promise<Renderer> {
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    // Editions are independent: a worker keeps its warm writers from one edition to the next.
    isolateWorkers: false,
  });
  return {
    threads,
    render: (task) => pool.run(task) as Promise<EditionOutcome>,
    close: () => pool.destroy(),
  };
}
