// `folio watch`: builds, serves the output directory (preview.ts), and builds again whenever a
// source or template changes; open pages reload, and content errors show over the last good page.
// The watcher is chokidar rather than node:fs.watch: Node 20's recursive fs.watch on Linux is a
// JavaScript walk that misses folders created after it starts (a new report) and reports an
// editor's save-by-rename as a deletion; chokidar handles both and waits for a write to finish.
// Builds never overlap: a change during a build starts one more build after it.
import { watch as chokidar } from 'chokidar';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { FolioError, locatedTemplateError } from '../shared/errors.ts';
import { build, type BuildOptions, type BuildResult } from './build.ts';
import { startPreview } from './preview.ts';
import { lockOutput, separateOutput } from './publish.ts';

export interface WatchOptions extends Omit<BuildOptions, 'signal'> {
  port: number;
  /** Ends the watch: the build under way stops between editions, dist/ stays whole. */
  signal: AbortSignal;
  onReady?: (url: string) => void;
  /** After each build: its result, or the message of an error that stopped it (a broken template). */
  onBuild?: (outcome: { result: BuildResult } | { error: string; diagnostics?: Diagnostic[] }) => void;
  onChange?: (paths: string[]) => void;
}

export async function watch(options: WatchOptions): Promise<void> {
  separateOutput(options.outDir, { sources: options.sourceDir, templates: options.templatesDir });
  // Held for the whole session, so no other build writes this dist/ meanwhile.
  const release = lockOutput(options.outDir);
  try {
    const preview = await startPreview(options.outDir, options.port);
    let running: Promise<void> | undefined;
    let again = false;
    const once = async () => {
      try {
        const result = await build({ ...options, signal: options.signal });
        options.onBuild?.({ result });
        preview.problems(result.diagnostics);
        if (result.written.length > 0) preview.reload();
      } catch (error) {
        if (!(error instanceof FolioError)) throw error;
        // A broken template stops the build: its problems show as the sources' do, at their lines.
        if (locatedTemplateError(error)) {
          options.onBuild?.({ error: error.message, diagnostics: [...error.diagnostics] });
          preview.problems(error.diagnostics);
          return;
        }
        options.onBuild?.({ error: error.message });
        preview.problems([], [`folio: ${error.message}`]);
      }
    };
    const rebuild = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await once();
        } while (again && !options.signal.aborted);
      })().finally(() => {
        running = undefined;
      });
      return running;
    };
    await rebuild();
    const watcher = chokidar([options.sourceDir, options.templatesDir], {
      ignoreInitial: true,
      // An editor writes a file in pieces, or to a temporary name it renames: build once it is whole.
      awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 },
    });
    const changed = new Set<string>();
    watcher.on('all', (_event, path) => {
      changed.add(path);
      // Changes arriving together (a save touching several files) make one build.
      setImmediate(() => {
        if (changed.size === 0) return;
        const paths = [...changed].sort();
        changed.clear();
        options.onChange?.(paths);
        void rebuild();
      });
    });
    await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    options.onReady?.(preview.url);
    await new Promise<void>((stop) => {
      if (options.signal.aborted) stop();
      else options.signal.addEventListener('abort', () => stop(), { once: true });
    });
    await watcher.close();
    await running;
    await preview.close();
  } finally {
    release();
  }
}
