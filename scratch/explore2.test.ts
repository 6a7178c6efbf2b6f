import { it } from 'vitest';
import fc from 'fast-check';
import { reportCase } from '../test/fuzz/generate.ts';
import { runCases } from '../test/harness.ts';
it('explore', async () => {
  const cases = fc.sample(reportCase, { numRuns: 40, seed: 1 });
  const outcomes = await runCases(cases);
  let shown = 0;
  for (const [i, o] of outcomes.entries()) if (o.kind === 'refused' && o.errors.some(e => e.ruleId === 'report:footnote-undefined') && shown++ < 2) {
    const e = o.errors.find(e => e.ruleId === 'report:footnote-undefined')!;
    const lines = cases[i].markdown.split('\n');
    console.log(e.line, e.column, e.message, '\n>>', lines[e.line - 1].slice(Math.max(0, e.column - 60), e.column + 40), '\nDEFS:', lines.filter(l => /\[\^/.test(l) && /\]:/.test(l)).join(' | ').slice(0, 300));
  }
}, 600000);
