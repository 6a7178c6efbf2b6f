// Progress of a long build. On a terminal: one line, rewritten as editions finish (done/total,
// the edition being rendered, time so far). Elsewhere (CI logs, a pipe): a plain line at each
// tenth of the way, so a log shows the build moving without a line per edition.
import type { BuildResult, ProgressEvent } from '../pipeline/build.ts';

export interface ProgressSink {
  write(text: string): void;
}

/** Milliseconds on a monotonic clock, for the times a build prints. Not `performance.now()`: the
 * first use of the global `performance` loads Node's perf_hooks, ~2 ms of a fresh process's CPU. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function progress(sink: ProgressSink, terminal: boolean, started: number): { onProgress(event: ProgressEvent): void; clear(): void } {
  let current = '';
  let lastTenth = 0;
  let shown = false;
  const line = (done: number, total: number) => `[${done}/${total}] ${current} · ${seconds(now() - started)}`;
  return {
    onProgress(event) {
      if (event.kind === 'plan') {
        if (event.fullRebuild && event.toBuild > 0) sink.write(`Rendering every edition: ${event.fullRebuild}\n`);
        if (!terminal && event.toBuild > 0) sink.write(`Rendering ${event.toBuild} edition${event.toBuild === 1 ? '' : 's'} (${event.upToDate} up to date)\n`);
        return;
      }
      if (event.kind === 'start') {
        current = event.edition;
        return;
      }
      if (terminal) {
        sink.write(`\r\u001b[2K${line(event.done, event.total)}`);
        shown = true;
      } else {
        const tenth = Math.floor((event.done * 10) / event.total);
        if (tenth > lastTenth && event.total >= 10) {
          lastTenth = tenth;
          sink.write(`${event.done}/${event.total} editions done, ${seconds(now() - started)}\n`);
        }
      }
    },
    clear() {
      if (terminal && shown) sink.write('\r\u001b[2K');
    },
  };
}

/** The last line of a build: what was built, skipped, removed and failed, and the time. */
export function buildSummary(result: BuildResult, ms?: number): string {
  const parts = [`built ${result.built.length}`, `${result.skipped.length} up to date`];
  if (result.removed.length > 0) parts.push(`${result.removed.length} removed`);
  if (result.failed.length > 0) parts.push(`${result.failed.length} failed`);
  if (result.drafts.length > 0) parts.push(`${result.drafts.length} draft${result.drafts.length === 1 ? '' : 's'} left out`);
  const files = result.written.length === 0 ? 'nothing written' : `${result.written.length} file${result.written.length === 1 ? '' : 's'} written`;
  const head = result.built.length === 0 && result.removed.length === 0 && result.failed.length === 0 && !result.interrupted
    ? `Nothing to do: ${result.skipped.length} edition${result.skipped.length === 1 ? '' : 's'} up to date, ${files}`
    : `${result.interrupted ? 'Interrupted' : 'Editions'}: ${parts.join(', ')} (${files}, ${result.unchanged.length} unchanged)`;
  return ms === undefined ? head : `${head} in ${seconds(ms)}`;
}
