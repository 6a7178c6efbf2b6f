import { loadWriter } from '../src/render/registry.ts';
import { reportFrom, writerContext, planYaml } from '../test/helpers.ts';
const w = await loadWriter('pdf');
for (const n of [400, 800, 1600, 3200]) {
  const body = '| права | ' + 'w'.repeat(n) + ' |\n| --- | --- |\n| a | b |';
  const r = reportFrom(`---\ntitle: x\n---\n\nS.\n\n## Background\n\n${body}\n`, { reportYaml: planYaml(['background']) });
  const t = performance.now();
  await w.render(r, writerContext(r));
  console.log(n, Math.round(performance.now() - t), 'ms');
}
