// `npm run bench:instructions`: the instructions the seed's first PDF in a fresh process executes
// beyond Node's own start, counted by valgrind (`--tool=cachegrind --cache-sim=no`, every thread),
// for comparing two versions of Folio's start-up. CPU time on a shared machine varies by ±15% from
// one minute to the next; these counts vary by about 1%, so a change of 2% shows in a few runs
// where timing it takes dozens. They are no timing (a cache miss or a page fault counts as one
// instruction), and the judged figure stays the command's CPU time in `npm run bench:pdf`.
// valgrind is no npm package: without it this says so and exits 0. BENCH_RUNS sets the runs
// (default 3), BENCH_FORMATS the formats (default pdf).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const formats = process.env.BENCH_FORMATS ?? 'pdf';

if (spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status !== 0) {
  console.log('instructions   skipped: valgrind is not installed (apt-get install valgrind)');
  process.exit(0);
}

/** Instructions executed by `node args`, every thread, in millions. */
function instructions(args: string[]): number {
  const result = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all-non-file', '--cachegrind-out-file=/dev/null', process.execPath, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1679918400' },
  });
  const found = /I\s+refs:\s+([\d,]+)/.exec(result.stderr);
  if (result.status !== 0 || !found) throw new Error(result.stderr);
  return Number(found[1]!.replaceAll(',', '')) / 1e6;
}

const out = mkdtempSync(join(tmpdir(), 'folio-bench-instructions-'));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const node: number[] = [];
const command: number[] = [];
for (let k = 0; k < runs; k++) {
  node.push(instructions(['-e', '0']));
  command.push(instructions(['bin/folio.js', 'build', '--only', 'kazakhstan-2022/en', '--formats', formats, '--out', out, '--force', '--quiet', '--jobs', '1']));
}
rmSync(out, { recursive: true, force: true });
console.log(
  `instructions   folio build --only kazakhstan-2022/en --formats ${formats}: ${mean(command).toFixed(0)} M (runs ${command.map((c) => c.toFixed(0)).join(', ')}), ` +
    `${(mean(command) - mean(node)).toFixed(0)} M beyond Node's start (${mean(node).toFixed(0)} M); means of ${runs}`,
);
