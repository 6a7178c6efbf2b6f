import fc from 'fast-check';
import { reportCase } from '../test/fuzz/generate.ts';
import { runCases } from '../test/harness.ts';
import { judge, problemsOf } from '../test/fuzz/validate.ts';
const cases = fc.sample(reportCase, { numRuns: 12, seed: 5 });
await runCases([cases[0]]);
let tr = 0, tv: Record<string, number> = {};
for (const c of cases) {
  let t = performance.now();
  const [o] = await runCases([c]);
  tr += performance.now() - t;
  if (o.kind === 'built') for (const [f, d] of Object.entries(o.outputs)) { t = performance.now(); await problemsOf(f as any, d as any); tv[f] = (tv[f] ?? 0) + performance.now() - t; }
}
console.log('render', Math.round(tr), JSON.stringify(Object.fromEntries(Object.entries(tv).map(([k, v]) => [k, Math.round(v)]))));
