import { loadWriter } from '../src/render/registry.ts';
import { reportFrom, writerContext, planYaml } from '../test/helpers.ts';
const w = await loadWriter('pdf');
const cases: Record<string, string> = {
  table800: '| права | ' + 'w'.repeat(800) + ' |\n| --- | --- |\n| a | b |',
  table3x800: '| a | b | c |\n| --- | --- | --- |\n| ' + ['w'.repeat(800), 'w'.repeat(800), 'w'.repeat(800)].join(' | ') + ' |',
  list800: '- a\n  - ' + 'w'.repeat(800) + ' x',
  para5x800: Array.from({ length: 5 }, () => 'w'.repeat(800)).join(' '),
};
for (const [name, body] of Object.entries(cases)) {
  const r = reportFrom(`---\ntitle: x\n---\n\nS.\n\n## Background\n\n${body}\n`, { reportYaml: planYaml(['background']) });
  const t = performance.now();
  await w.render(r, writerContext(r));
  console.log(name, Math.round(performance.now() - t), 'ms');
}
