import { it } from 'vitest';
import fc from 'fast-check';
import { reportCase } from '../test/fuzz/generate.ts';
import { runCases } from '../test/harness.ts';
it('explore', async () => {
  const cases = fc.sample(reportCase, { numRuns: 150, seed: 20260412 });
  const outcomes = await runCases(cases);
  const counts: Record<string, number> = {};
  for (const o of outcomes) if (o.kind === 'refused') for (const e of o.errors) { const k = e.ruleId + ' ' + e.message.replace(/"[^"]*"/g, '"…"').slice(0, 70); counts[k] = (counts[k] ?? 0) + 1; }
  console.log(Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${n} ${k}`).join('\n'));
}, 600000);
