import { readFileSync } from 'node:fs';
import { writeCases } from '../test/harness.ts';
import { chartPng } from '../test/fuzz/generate.ts';
import { loadProject } from '../src/pipeline/load.ts';
import { renderEdition } from '../src/pipeline/render-edition.ts';
import { templatesDir, fixedDate } from '../test/helpers.ts';
const md = readFileSync(process.argv[2], 'utf8');
const dir = writeCases([{ markdown: md, files: { 'chart.png': chartPng } }]);
let t = performance.now();
const p = loadProject({ sourceDir: dir, templatesDir });
console.log('load', Math.round(performance.now() - t), p.reports[0].editions[0].diagnostics.map(d => d.message).slice(0, 3));
const r = p.reports[0].editions[0].report!;
for (const f of ['html', 'json', 'docx', 'pdf'] as const) {
  t = performance.now();
  const o = await renderEdition({ report: r, templatesDir, sourceDir: dir, date: fixedDate.getTime(), formats: [f] });
  console.log(f, Math.round(performance.now() - t), o.ok ? 'ok' : JSON.stringify(o).slice(0, 200));
}
