import { parseEdition } from '/work/wt/robust/src/parse/parse.ts';
const text = '---\ntitle: x\n---\n\nS.\n\n## Background\n\n' + '- '.repeat(3000) + 'x\n';
try { const t = Date.now(); parseEdition('x.md', text); console.log('parsed', Date.now()-t); } catch (e) { console.log(String((e as Error).stack).split('\n').slice(0,12).join('\n')); }
