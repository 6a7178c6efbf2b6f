// The first PDF in a fresh process, for `npm run bench:pdf` (bench/pdf.ts bundles this file with
// esbuild, as lib/ is bundled, and runs it in a new Node process). Prints, as JSON, the CPU time
// (user + system, all threads: V8 compiles on background threads) of each step of the seed's first
// PDF, then of a second one in the same process (as in a build of two editions: without V8's
// optimising compiler, which a build lets in only for many editions, src/pipeline/tiers.ts).
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
// The V8 flags a build sets before anything else loads: the process is set up as a build's.
import '../src/cli/v8-flags.ts';
// More flags to try (PROBE_FLAGS='--no-opt'), set after the command's.
if (process.env.PROBE_FLAGS) setFlagsFromString(process.env.PROBE_FLAGS);
import { createContext } from '../src/pipeline/context.ts';
import { loadProject } from '../src/pipeline/load.ts';
import type { Report } from '../src/model/types.ts';

const [root] = process.argv.slice(2);
const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const atStart = cpu();
const sourceDir = join(root!, 'source');
const templatesDir = join(root!, 'templates');
const report = loadProject({ sourceDir, templatesDir, only: ['kazakhstan-2022/en'] }).reports[0]!.editions[0]!.report as Report;
const ctx = createContext(report, { templatesDir, sourceDir, date: new Date(Date.UTC(2023, 2, 27)) });
const loaded = cpu();
// The PDF writer's own modules (HarfBuzz and its WebAssembly among them), as a build loads them.
const { layoutReport } = await import('../src/render/pdf/layout.ts');
const { serialize } = await import('../src/render/pdf/serialize.ts');
// HarfBuzz ready, as the writer awaits it before it lays out (src/render/pdf/index.ts).
await (await import('../src/render/pdf/fonts.ts')).harfbuzzReady();
const imported = cpu();
const layout = layoutReport(report, ctx);
const laidOut = cpu();
const data = await serialize(layout, report, ctx);
const first = cpu();
const again = await serialize(layoutReport(report, ctx), report, ctx);
const second = cpu();
if (again.length !== data.length) throw new Error('the second PDF differs from the first');
console.log(JSON.stringify({
  start: atStart,
  load: loaded - atStart,
  import: imported - loaded,
  layout: laidOut - imported,
  serialize: first - laidOut,
  first: first - loaded,
  warm: second - first,
  bytes: data.length,
}));
