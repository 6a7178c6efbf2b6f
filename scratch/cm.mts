import { isComment } from '../src/model/comments.ts';
const re = /^\s*(?:<!--[\s\S]*?-->\s*)+$/;
for (const s of ['<!-- a -->', ' <!-- a --> <!-- b -->\n', '<!-- a --> x', '<!-- a', 'x', '', '<!---->', '<!-- a -- b -->', '<!--> -->']) console.log(JSON.stringify(s), isComment(s), re.test(s));
const t = performance.now(); console.log(isComment('<!---->'.repeat(100000) + 'x'), Math.round(performance.now() - t), 'ms');
