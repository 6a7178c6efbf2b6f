import { loadWriter } from '../src/render/registry.ts';
import { audit } from '../src/render/audit.ts';
import { reportFrom, writerContext, planYaml } from '../test/helpers.ts';
const w = await loadWriter('pdf');
for (const [n, body] of [[100000, (n: number) => `A ${'x'.repeat(n)} b.`], [300, (n: number) => `A ${'w'.repeat(n)} b.`], [300, (n: number) => '```\n' + '~'.repeat(n) + '\n```'], [300, (n: number) => '| a |\n|---|\n| ' + 'w'.repeat(n) + ' |']] as const) {
  const r = reportFrom(`---\ntitle: x\n---\n\nS.\n\n## Background\n\n${body(n)}\n`, { reportYaml: planYaml(['background']) });
  const t = performance.now();
  let note = 'ok';
  try { const out = await w.render(r, writerContext(r)); audit(r, 'pdf', await w.inspect(out, r)); } catch (e) { note = String(e).slice(0, 120); }
  console.log(n, Math.round(performance.now() - t), 'ms', note);
}
