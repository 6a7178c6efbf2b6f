import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { reportCase } from '../test/fuzz/generate.ts';
const cases = fc.sample(reportCase, { numRuns: 5000, seed: 20260412 });
for (const i of [4468, 3368, 997]) writeFileSync(`/tmp/case-${i}.md`, cases[i].markdown);
