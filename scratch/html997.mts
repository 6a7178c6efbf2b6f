import { readFileSync } from 'node:fs';
import { runCases } from '../test/harness.ts';
import { chartPng } from '../test/fuzz/generate.ts';
const [o] = await runCases([{ markdown: readFileSync('/tmp/case-997.md', 'utf8'), files: { 'chart.png': chartPng } }]);
if (o.kind === 'built') { const lines = String(o.outputs.html).split('\n'); console.log(JSON.stringify(lines.slice(72, 76).map(l => l.slice(-120)))); }
