// `npm run fuzz [-- --runs 5000 --seed 1 --jobs 2 --timeout 60 --shrink 3 --shrink-time 120]`:
// thousands of generated reports (test/fuzz/generate.ts) through every writer, in worker threads so
// that a case that hangs is seen (no answer within the timeout: the worker is ended and the case
// counted as a hang). Prints the counts of crashes, hangs, invalid outputs with exit 0 and
// unpositioned refusals. The first failures of each kind are shrunk, in the same worker threads,
// to a small en.md that still fails the same way, and kept in test/fuzz/fixtures/, where npm test
// replays them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { Format } from '../src/render/types.ts';
import { chartPng, reportCase } from '../test/fuzz/generate.ts';
import { ddmin, formatsOf, signature, type Failure, type Result } from '../test/fuzz/shrink.ts';
import type { Verdict } from '../test/fuzz/validate.ts';
import type { Case, CaseLang } from '../test/harness.ts';
import { temporaryRoot } from '../test/temporary-root.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '20260412' },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60' },
    // How many failures of each kind to shrink and keep, and how long to shrink each.
    shrink: { type: 'string', default: '3' },
    'shrink-time': { type: 'string', default: '120' },
    // A try that hangs while shrinking counts as a hang after this long (a minute a try would
    // leave a hang's shrinking two tries).
    'shrink-timeout': { type: 'string', default: '10' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const jobs = Math.max(1, Number(values.jobs));
const timeoutMs = Number(values.timeout) * 1000;
const shrinkLimit = Number(values.shrink);
const shrinkMs = Number(values['shrink-time']) * 1000;
const shrinkTimeoutMs = Number(values['shrink-timeout']) * 1000;
const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fuzz', 'fixtures');
const workerFile = join(root, 'scripts', 'fuzz-worker.mjs');
// The cases' scratch projects in a directory of the run's own, set before any worker starts.
const removeTemporaryRoot = temporaryRoot('folio-fuzz-run-');


/** A worker thread that judges one case at a time, replaced when it stops answering. */
class Judge {
  private worker!: Worker;
  /** Settles once the worker has loaded Folio: its start-up (seconds) is no case's time. */
  private ready!: Promise<void>;
  private pending?: { resolve: (r: Result) => void; timer: NodeJS.Timeout };
  constructor() {
    this.start();
  }
  private start(): void {
    const worker = new Worker(workerFile);
    this.worker = worker;
    // A worker that fails to load answers no case: each then counts as a crash or a hang.
    this.ready = new Promise((resolveReady) => {
      worker.once('message', () => resolveReady());
      worker.once('error', () => resolveReady());
    });
    this.ready.then(() => worker.on('message', (verdict: Verdict) => this.settle(verdict)), () => undefined);
    worker.on('error', (error) => this.settle({ kind: 'crash', detail: `worker: ${error.message}` }));
  }
  private settle(result: Result): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.resolve(result);
  }
  async judge(c: Case, limitMs = timeoutMs, formats?: readonly Format[]): Promise<Result> {
    await this.ready;
    return new Promise((resolveResult) => {
      const timer = setTimeout(() => {
        void this.worker.terminate();
        this.start();
        this.settle({ kind: 'hang', detail: `no answer in ${limitMs / 1000} s` });
      }, limitMs);
      this.pending = { resolve: resolveResult, timer };
      this.worker.postMessage({ case: c, formats });
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The smallest edition text found that fails as `failure` did: first fast-check's own shrinking,
 * replaying the failing run from the seed and its index through the generator (fewer blocks,
 * shallower nesting, simpler words), then ddmin over the text's lines and words, which also takes
 * away the seed's text and whatever the generator's shape keeps. */
async function shrink(index: number, failure: Failure, judge: Judge): Promise<{ markdown: string; lang: CaseLang; tries: number; byFastCheck: number }> {
  const started = performance.now();
  const target = signature(failure);
  const formats = formatsOf(failure);
  // A try still running after --shrink-timeout is a hang: the same failure only when shrinking one.
  const limit = shrinkTimeoutMs;
  let tries = 0;
  const same = async (markdown: string, lang: CaseLang) => {
    tries++;
    return signature(await judge.judge({ markdown, lang, files: { 'chart.png': chartPng } }, limit, formats)) === target;
  };
  const outcome = await fc.check(
    fc.asyncProperty(reportCase, async (c) => !(await same(c.markdown, c.lang ?? 'en'))),
    { seed, path: String(index), numRuns: 1, endOnFailure: false, interruptAfterTimeLimit: shrinkMs / 2 },
  );
  // A case fast-check cannot make fail again (it failed by chance) is kept as it was generated.
  // Its counterexample keeps the language it failed in: fast-check shrinks that too (an Arabic
  // edition's failure may shrink to an English one's), and the text fails only as that edition.
  const generated = { markdown: cases[index]!.markdown, lang: cases[index]!.lang ?? 'en' };
  const found = outcome.failed && outcome.counterexample ? { markdown: outcome.counterexample[0].markdown, lang: outcome.counterexample[0].lang ?? 'en' } : generated;
  const { lang } = found;
  const byFastCheck = found.markdown.length;
  const deadline = started + shrinkMs;
  const lines = await ddmin(found.markdown.split('\n'), (ls) => same(ls.join('\n'), lang), deadline);
  const words = await ddmin(lines.join('\n').match(/\s+|\S+/g) ?? [], (ws) => same(ws.join(''), lang), deadline);
  const markdown = words.join('');
  // Kept only if it fails again as it is written to the file (a failure that comes and goes, a
  // hang near the time limit): else the case as generated, which did fail.
  if (await same(markdown, lang)) return { markdown, lang, tries, byFastCheck };
  return { ...generated, tries, byFastCheck: generated.markdown.length };
}

const started = performance.now();
const cases = fc.sample(reportCase, { numRuns: runs, seed });
const judges = Array.from({ length: jobs }, () => new Judge());
const counts: Record<string, number> = { ok: 0, crash: 0, hang: 0, invalid: 0, unpositioned: 0 };
const failures: { index: number; result: Failure }[] = [];
let next = 0;
let done = 0;
await Promise.all(judges.map(async (judge) => {
  while (next < cases.length) {
    const index = next++;
    const result = await judge.judge(cases[index]!);
    counts[result.kind] = (counts[result.kind] ?? 0) + 1;
    if (result.kind !== 'ok') {
      failures.push({ index, result });
      process.stderr.write(`case ${index}: ${result.kind}: ${result.detail.split('\n')[0]}\n`);
    }
    if (++done % 250 === 0) process.stderr.write(`${done}/${cases.length} ${JSON.stringify(counts)}\n`);
  }
}));
const seconds = (performance.now() - started) / 1000;

// The first failures of each kind (and of each signature within it), shrunk on the same threads.
const chosen: typeof failures = [];
const perKind = new Map<string, number>();
const signatures = new Set<string>();
for (const failure of failures.sort((a, b) => a.index - b.index)) {
  const kind = failure.result.kind;
  if ((perKind.get(kind) ?? 0) >= shrinkLimit || signatures.has(signature(failure.result))) continue;
  perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
  signatures.add(signature(failure.result));
  chosen.push(failure);
}
const kept: string[] = [];
if (chosen.length > 0) {
  mkdirSync(fixtures, { recursive: true });
  process.stderr.write(`shrinking ${chosen.length} failures, up to ${shrinkMs / 1000} s each\n`);
  let taken = 0;
  await Promise.all(judges.map(async (judge) => {
    while (taken < chosen.length) {
      const { index, result } = chosen[taken++]!;
      const before = cases[index]!.markdown;
      const { markdown, lang, tries, byFastCheck } = await shrink(index, result, judge);
      // A right-to-left case's file says so: the fuzzing test replays it as that edition.
      const file = join(fixtures, `${result.kind}-${seed}-${index}${lang === 'ar' ? '.ar' : ''}.md`);
      writeFileSync(file, markdown);
      kept.push(`${relative(process.cwd(), file)}: ${result.detail.split('\n')[0]} (shrunk from ${before.length} characters to ${byFastCheck} by fast-check, then to ${markdown.length}, in ${tries} tries)`);
    }
  }));
}

await Promise.all(judges.map((j) => j.close()));
removeTemporaryRoot();
const { ok, ...bad } = counts;
process.stdout.write(`${runs} cases, seed ${seed}, ${jobs} threads, ${seconds.toFixed(0)} s (${((seconds * 1000) / runs).toFixed(0)} ms a case)\n`);
process.stdout.write(`ok ${ok}; crashes ${bad.crash}, hangs ${bad.hang}, invalid outputs with exit 0 ${bad.invalid}, unpositioned refusals ${bad.unpositioned}\n`);
for (const line of kept.sort()) process.stdout.write(`kept ${line}\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
