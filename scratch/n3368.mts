import { readFileSync } from 'node:fs';
import { writeCases } from '../test/harness.ts';
import { chartPng } from '../test/fuzz/generate.ts';
import { loadProject } from '../src/pipeline/load.ts';
import { loadWriter } from '../src/render/registry.ts';
import { createContext } from '../src/pipeline/context.ts';
import { readPdf } from '../src/render/pdf/read.ts';
import { templatesDir, fixedDate } from '../test/helpers.ts';
const dir = writeCases([{ markdown: readFileSync('/tmp/case-3368.md', 'utf8'), files: { 'chart.png': chartPng } }]);
const r = loadProject({ sourceDir: dir, templatesDir }).reports[0].editions[0].report!;
const w = await loadWriter('pdf');
const out = await w.render(r, createContext(r, { templatesDir, sourceDir: dir, date: fixedDate }));
const found = await w.inspect(out, r);
console.log(JSON.stringify(found.notes), r.footnotes.map(n => n.id + ': ' + JSON.stringify(n.text)).join('\n'));
const pdf = await readPdf(out.data as Uint8Array);
for (const p of pdf.pages) { const t = p.glyphs.filter(g => g.tags.includes('Note')).map(g => g.text).join(''); console.log('PAGE', t.slice(-300)); }
for (const p of pdf.pages) { const t = p.glyphs.map(g => g.text).join(''); const i = t.indexOf('NoteÜ'); const j = t.indexOf('Note Ü'); console.log('HAS', i, j, t.length); }
console.log(r.footnotes.map(n => n.identifier + ' ' + n.references.length).join(', '));
