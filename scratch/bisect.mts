import { readFileSync } from 'node:fs';
import { loadWriter } from '../src/render/registry.ts';
import { reportFrom, writerContext, planYaml } from '../test/helpers.ts';
const md = readFileSync('/tmp/case-4468.md', 'utf8');
const start = md.indexOf('## Background');
const head = md.slice(0, start);
const parts = md.slice(start).split('\n\n');
const w = await loadWriter('pdf');
const slow = async (ps: string[]) => {
  let r;
  try { r = reportFrom(head + ps.join('\n\n'), { reportYaml: planYaml(['background']) }); } catch { return false; }
  const t = performance.now();
  try { await w.render(r, writerContext(r)); } catch { return false; }
  return performance.now() - t > 4000;
};
console.log('parts', parts.length, await slow(parts));
let cur = parts;
// greedy removal of chunks
for (let size = Math.ceil(cur.length / 2); size >= 1; size = Math.floor(size / 2)) {
  for (let i = 1; i < cur.length; ) {
    const trial = [...cur.slice(0, i), ...cur.slice(i + size)];
    if (trial.length > 0 && await slow(trial)) cur = trial; else i += size;
  }
}
console.log(cur.length, cur.join('\n\n').slice(0, 3000));
