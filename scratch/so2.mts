import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
for (const n of [500, 1000, 2000, 3000]) {
const text = '---\ntitle: x\n---\n\nS.\n\n## Background\n\n' + '- '.repeat(n) + 'x\n';
try { const t = Date.now(); const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(text); console.log(n, 'parsed', Date.now()-t); } catch (e) { console.log(n, String((e as Error).stack).split('\n').slice(0,3).join('\n')); }
const t2 = '> '.repeat(n) + 'x';
try { const t = Date.now(); const tree = unified().use(remarkParse).parse(t2); console.log(n, 'quotes parsed', Date.now()-t); } catch (e) { console.log(n, String((e as Error).stack).split('\n').slice(0,3).join('\n')); }
}
