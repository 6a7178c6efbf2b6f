// `npm run fuzz [-- --runs 5000 --seed 1 --jobs 2 --timeout 60]`: thousands of generated reports
// (test/fuzz/generate.ts) through every writer, in worker threads so that a case that hangs is
// seen (no answer within the timeout: the worker is ended and the case counted as a hang). Prints
// the counts of crashes, hangs, invalid outputs with exit 0 and unpositioned refusals; each
// failure is shrunk by fast-check and kept in test/fuzz/fixtures/, where npm test replays it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { reportCase } from '../test/fuzz/generate.ts';
import type { Verdict } from '../test/fuzz/validate.ts';
import type { Case } from '../test/harness.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '20260412' },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60' },
    shrink: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const jobs = Math.max(1, Number(values.jobs));
const timeoutMs = Number(values.timeout) * 1000;
const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test', 'fuzz', 'fixtures');
const workerFile = join(root, 'scripts', 'fuzz-worker.mjs');

type Result = Verdict | { kind: 'hang'; detail: string };

/** A worker thread that judges one case at a time, replaced when it stops answering. */
class Judge {
  private worker!: Worker;
  private pending?: { resolve: (r: Result) => void; timer: NodeJS.Timeout };
  constructor() {
    this.start();
  }
  private start(): void {
    this.worker = new Worker(workerFile);
    this.worker.on('message', (verdict: Verdict) => this.settle(verdict));
    this.worker.on('error', (error) => this.settle({ kind: 'crash', detail: `worker: ${error.message}` }));
  }
  private settle(result: Result): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.resolve(result);
  }
  judge(c: Case): Promise<Result> {
    return new Promise((resolveResult) => {
      const timer = setTimeout(() => {
        void this.worker.terminate();
        this.start();
        this.settle({ kind: 'hang', detail: `no answer in ${timeoutMs / 1000} s` });
      }, timeoutMs);
      this.pending = { resolve: resolveResult, timer };
      this.worker.postMessage(c);
    });
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

const started = performance.now();
const cases = fc.sample(reportCase, { numRuns: runs, seed });
const judges = Array.from({ length: jobs }, () => new Judge());
const counts: Record<string, number> = { ok: 0, crash: 0, hang: 0, invalid: 0, unpositioned: 0 };
const failures: { index: number; result: Result }[] = [];
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

// Shrink the first failures of each kind with fast-check, in this thread, and keep them.
const shrinkLimit = Number(values.shrink);
const kept: string[] = [];
if (failures.length > 0) {
  mkdirSync(fixtures, { recursive: true });
  const { runCases } = await import('../test/harness.ts');
  const { judge } = await import('../test/fuzz/validate.ts');
  const kinds = new Map<string, number>();
  for (const failure of failures.sort((a, b) => a.index - b.index)) {
    if (failure.result.kind === 'hang' || (kinds.get(failure.result.kind) ?? 0) >= shrinkLimit) continue;
    kinds.set(failure.result.kind, (kinds.get(failure.result.kind) ?? 0) + 1);
    const kind = failure.result.kind;
    // fast-check replays the failing run from the seed and its index (the path), which lets it
    // shrink through the generator; a case it cannot replay is kept as it was generated.
    const outcome = await fc.check(
      fc.asyncProperty(reportCase, async (c) => (await judge((await runCases([c]))[0]!)).kind !== kind),
      // Shrinking runs the whole pipeline per try: two minutes a failure, then the smallest so far.
      { seed, path: String(failure.index), numRuns: runs, endOnFailure: false, interruptAfterTimeLimit: 120_000 },
    );
    const shrunk = (outcome.failed ? outcome.counterexample![0] : cases[failure.index]!) as Case;
    const name = `${kind}-${seed}-${failure.index}.md`;
    writeFileSync(join(fixtures, name), shrunk.markdown);
    kept.push(`${name}: ${failure.result.detail.split('\n')[0]}`);
  }
}

await Promise.all(judges.map((j) => j.close()));
const { ok, ...bad } = counts;
process.stdout.write(`${runs} cases, seed ${seed}, ${jobs} threads, ${seconds.toFixed(0)} s (${((seconds * 1000) / runs).toFixed(0)} ms a case)\n`);
process.stdout.write(`ok ${ok}; crashes ${bad.crash}, hangs ${bad.hang}, invalid outputs with exit 0 ${bad.invalid}, unpositioned refusals ${bad.unpositioned}\n`);
for (const line of kept) process.stdout.write(`kept test/fuzz/fixtures/${line}\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
