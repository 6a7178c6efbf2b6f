import fc from 'fast-check';
import { reportCase } from '../test/fuzz/generate.ts';
import { writeCases } from '../test/harness.ts';
import { loadProject } from '../src/pipeline/load.ts';
import { renderEdition } from '../src/pipeline/render-edition.ts';
import { templatesDir, fixedDate } from '../test/helpers.ts';
const cases = fc.sample(reportCase, { numRuns: 12, seed: 5 });
let tl = 0, tre: Record<string, number> = {};
for (const c of cases) {
  const dir = writeCases([c]);
  let t = performance.now();
  const p = loadProject({ sourceDir: dir, templatesDir });
  tl += performance.now() - t;
  const r = p.reports[0].editions[0].report;
  if (!r) continue;
  for (const f of ['html', 'pdf', 'docx', 'json'] as const) {
    t = performance.now();
    await renderEdition({ report: r, templatesDir, sourceDir: dir, date: fixedDate.getTime(), formats: [f] });
    tre[f] = (tre[f] ?? 0) + performance.now() - t;
  }
}
console.log('load', Math.round(tl), JSON.stringify(Object.fromEntries(Object.entries(tre).map(([k, v]) => [k, Math.round(v)]))));
