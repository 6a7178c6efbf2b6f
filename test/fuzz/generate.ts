// Generated reports for property-based fuzzing (fast-check): the body of the seed's background
// section made of nested lists and quotes, tables, notes inside everything, reference links and
// images, emphasis, code, headings at every level, several scripts, long words, and characters
// mutated after the fact. Most cases are valid reports, so the writers' outputs get validated;
// the rest must be refused with positioned errors.
import fc from 'fast-check';
import type { Case, CaseLang } from '../harness.ts';
import { seedWith } from '../harness.ts';

/** A valid 4×3 PNG the cases may show. */
export const chartPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAK0lEQVR4nA3HIQEAMAwDwWgKrpLgF1EcTRW4HTsJD158WCJDlhz56dClRx/lSw0hcrN8YwAAAABJRU5ErkJggg==',
  'base64',
);

const words = {
  latin: ['protest', 'rights', 'Almaty', 'détention', 'freedom', 'İstanbul', 'Straße', 'œuvre'],
  cyrillic: ['Казахстан', 'права', 'Қазақстан', 'свобода', 'ұлттық'],
  arabic: ['الحقوق', 'كازاخستان', 'حرية', 'التجمع', 'وُضع', 'المبيّنة', 'في عام 2022', '«الحرية»', '١٢٣٪', 'شخصًا،'],
  greek: ['δικαιώματα', 'ελευθερία'],
  digits: ['2022', '1,071', '81%', '5 January'],
  symbols: ['&', '&lt;tag&gt;', 'a|b', '\\*', '`x`', '"quoted"', "it's", '—', '…', '€', '№'],
};

/** Code point ranges the theme's fonts draw: Latin, Greek, Cyrillic (Kazakh included), Arabic,
 * general punctuation. */
const coveredRanges: [number, number][] = [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0x17f], [0x391, 0x3c9], [0x400, 0x4ff], [0x621, 0x64a], [0x2010, 0x2026]];

const word = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...words.latin) },
  { weight: 3, arbitrary: fc.constantFrom(...words.cyrillic) },
  { weight: 2, arbitrary: fc.constantFrom(...words.arabic) },
  { weight: 1, arbitrary: fc.constantFrom(...words.greek) },
  { weight: 2, arbitrary: fc.constantFrom(...words.digits) },
  { weight: 2, arbitrary: fc.constantFrom(...words.symbols) },
  // Long words: a URL-like token or a word longer than any line.
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 1200 }).map((n) => 'w'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 3, max: 60 }).map((n) => 'كازاخستان'.repeat(n)) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('en', 'documents', 'eur57', '6339', '2022', 'x_(y)', 'путь'), { minLength: 4, maxLength: 30 }).map((parts) => `https://www.example.org/${parts.join('/')}`) },
  // Characters of the scripts the theme's fonts cover, and now and then any character at all.
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(...coveredRanges.map(([from, to]) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c)))), minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constant('').chain(() => fc.oneof({ weight: 30, arbitrary: fc.constant('plain') }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).map((g) => g.replace(/[`\\<]/g, '') || 'x') })) },
);

const label = fc.constantFrom('a', 'b', 'c', 'note', 'Ü');
const url = fc.oneof(
  { weight: 200, arbitrary: fc.constantFrom('https://example.org', 'https://example.org/x_(y)', 'https://пример.рф/путь?q=1&r=2', 'mailto:a@example.org', 'https://example.org/a"b') },
  { weight: 20, arbitrary: fc.constant('#background') },
  { weight: 1, arbitrary: fc.constantFrom('javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '/srv/x', '../x') },
);
const imageUrl = fc.oneof({ weight: 200, arbitrary: fc.constant('chart.png') }, { weight: 1, arbitrary: fc.constantFrom('missing.png', 'https://example.org/x.png', '../x.png') });

interface Built {
  text: string;
  notes: Set<string>;
  refs: Set<string>;
}

const inline: fc.Memo<string> = fc.memo((n) => {
  const leaf = fc.oneof(
    { weight: 8, arbitrary: word },
    { weight: 2, arbitrary: fc.tuple(word, label).map(([w, l]) => `${w}[^${l}]`) },
    // Notes cited together, printed with a separator between their numbers.
    { weight: 1, arbitrary: fc.tuple(word, label, label).map(([w, a, b]) => `${w}[^${a}][^${b}]`) },
    { weight: 1, arbitrary: word.map((w) => `\`${w.replace(/`/g, '')}\``) },
    { weight: 1, arbitrary: fc.tuple(word, imageUrl).map(([alt, u]) => `![${alt.replace(/[[\]]/g, '')}](${u})`) },
    { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom('r1', 'r2', 'img')).map(([w, r]) => (r === 'img' ? `![${w.replace(/[[\]]/g, '')}][img]` : `[${w.replace(/[[\]]/g, '')}][${r}]`)) },
    // A picture as a link, alone or among the link's words.
    { weight: 1, arbitrary: fc.tuple(word, fc.option(word), url).map(([alt, text, u]) => `[${text ? `${text.replace(/[[\]]/g, '')} ` : ''}![${alt.replace(/[[\]]/g, '')}](chart.png)](<${u}>)`) },
    // A word in two styles, or with a sign inside, with no break point of its own.
    { weight: 1, arbitrary: fc.tuple(word, word, fc.constantFrom('**', '*', '~~', '`', '', '-', '/', '*)')).map(([a, b, m]) => `${a}${m}${b}${m}${a}`) },
  );
  if (n <= 1) return leaf;
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: inline(n - 1).map((t) => `*${t}*`) },
    { weight: 1, arbitrary: inline(n - 1).map((t) => `**${t}**`) },
    { weight: 1, arbitrary: inline(n - 1).map((t) => `~~${t}~~`) },
    { weight: 1, arbitrary: fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), url).map(([t, u]) => `[${t.join(' ').replace(/[[\]]/g, '')}](<${u}>)`) },
  );
});

const sentence = fc.array(inline(3), { minLength: 1, maxLength: 12 }).map((parts) => `${parts.join(' ')}.`);
/** A paragraph in one script alone, with its notes: in an edition of the other direction it
 * reads in its own (src/model/direction.ts, blockDirection). */
const oneScript = fc.constantFrom(words.latin, words.cyrillic, words.arabic).chain((list) =>
  fc.array(fc.tuple(fc.constantFrom(...list), fc.option(label, { freq: 4 })).map(([w, l]) => (l ? `${w}[^${l}]` : w)), { minLength: 1, maxLength: 30 }).map((ws) => `${ws.join(' ')}.`));
const paragraph = fc.oneof(
  { weight: 9, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')) },
  { weight: 1, arbitrary: oneScript },
);

// Now and then a table too wide for the page even in the smallest type, set in parts.
const columnCount = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 7, max: 30 }) });
const table = fc.tuple(columnCount, fc.integer({ min: 0, max: 4 })).chain(([cols, rows]) =>
  fc.array(fc.array(inline(2), { minLength: cols, maxLength: cols }), { minLength: rows + 1, maxLength: rows + 1 }).map((cells) => {
    const row = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
    return [row(cells[0]!), `|${' --- |'.repeat(cols)}`, ...cells.slice(1).map(row)].join('\n');
  }),
);

const indent = (text: string, by: string) => text.split('\n').map((l) => (l ? by + l : l)).join('\n');

const block: fc.Memo<string> = fc.memo((n) => {
  const leaf = fc.oneof(
    { weight: 40, arbitrary: paragraph },
    { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 3, max: 6 }), inline(2)).map(([d, t]) => `${'#'.repeat(d)} ${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('# A title in the text', '## Background', '## Unplanned section', '### Details {#details}') },
    { weight: 5, arbitrary: table },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom('', 'js', 'text'), fc.array(word, { maxLength: 8 })).map(([lang, w]) => `\`\`\`${lang}\n${w.join(' ')}\n\`\`\``) },
    { weight: 3, arbitrary: fc.constant('***') },
    { weight: 3, arbitrary: fc.tuple(fc.nat(30), sentence).map(([n, text]) => `A note defined here.[^q${n}]\n\n[^q${n}]: ${text}`) },
    // A note citing one the text never cites (which Word cannot have as a footnote of its own),
    // and at times one the text cites too.
    { weight: 1, arbitrary: fc.tuple(fc.nat(30), sentence, sentence, fc.boolean()).map(([n, text, other, also]) => `A note citing another.[^r${n}]\n\n[^r${n}]: ${text} See also.[^s${n}]${also ? ` And.[^q${n}]` : ''}\n\n[^s${n}]: ${other}`) },
    // A picture alone in its paragraph (a figure), in the text and in a note.
    { weight: 2, arbitrary: fc.tuple(word, imageUrl).map(([alt, u]) => `![${alt.replace(/[[\]]/g, '')}](${u})`) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(30), sentence, word, imageUrl).map(([n, text, alt, u]) => `A note with a picture.[^p${n}]\n\n[^p${n}]: ${text}\n\n    ![${alt.replace(/[[\]]/g, '')}](${u})`) },
  );
  if (n <= 1) return leaf;
  const children = fc.array(block(n - 1), { minLength: 1, maxLength: 3 }).map((b) => b.join('\n\n'));
  return fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: children.map((c) => indent(c, '> ').replace(/^$/gm, '>')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('- ', '1. ', '* '), fc.array(children, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([marker, items, task]) =>
      items.map((item) => `${marker}${task ? '[ ] ' : ''}${indent(item, ' '.repeat(marker.length + (task ? 4 : 0))).trimStart()}`).join('\n')) },
  );
});

const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'swap'), char: fc.constantFrom('*', '_', '[', ']', '(', ')', '!', '#', '>', '-', '|', '`', '<', '&', '\n', ' ', '\\', '^', ':', '\u00a0', '\u200f', '\uFFFD') });

/** One generated case: the seed with a generated background section, and the chart beside it. */
export const reportCase: fc.Arbitrary<Case> = fc
  .tuple(
    fc.array(block(4), { minLength: 1, maxLength: 6 }),
    fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
    fc.boolean(),
    // Texts of the notes the generated text cites without defining (without notes of their own:
    // a definition made here is not looked through for more references to define).
    fc.array(sentence, { minLength: 1, maxLength: 4 }),
    // Now and then the right-to-left edition: notes, tables and lists mixing directions.
    fc.constantFrom<CaseLang>('en', 'en', 'en', 'ar'),
    // Now and then a title longer than the running footer's room, which cuts it.
    fc.oneof({ weight: 7, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 8, max: 40 }) }),
  )
  .map(([blocks, mutations, defineAll, noteTexts, lang, titleWords]) => {
    let body = blocks.join('\n\n');
    // Every note label the text cites gets a definition (sometimes inside a quote), and the
    // reference links theirs; the mutations then break that now and then.
    const built: Built = { text: body, notes: new Set([...body.matchAll(/\[\^([^\]\s]+)\]:/g)].map((m) => m[1]!)), refs: new Set([...body.matchAll(/\[\^([^\]\s]+)\](?!:)/g)].map((m) => m[1]!)) };
    const missing = [...built.refs].filter((r) => !built.notes.has(r));
    const definitions = missing.map((r, i) => (i % 3 === 2 ? `> [^${r}]: Quoted note ${r}.` : `[^${r}]: Note ${r} with a [link](https://example.org): ${noteTexts[i % noteTexts.length]!.replace(/\[\^[^\]]*\]/g, '')}`));
    const refDefs = defineAll ? ['[r1]: https://example.org/one', '- [r2]: https://example.org/two "Two"', '[img]: chart.png'] : ['[r1]: https://example.org/one'];
    body = [body, ...definitions, ...refDefs].join('\n\n');
    for (const m of mutations) {
      const at = m.at % (body.length + 1);
      if (m.kind === 'insert') body = body.slice(0, at) + m.char + body.slice(at);
      else if (m.kind === 'delete') body = body.slice(0, at) + body.slice(at + 1);
      else body = body.slice(0, at) + body.slice(at + 1, at + 2) + body.slice(at, at + 1) + body.slice(at + 2);
    }
    let markdown = seedWith(body, lang);
    if (titleWords > 0) markdown = markdown.replace(/^title: (.*)$/mu, (_, title: string) => `title: "${title}: ${Array.from({ length: titleWords }, (_, k) => ['freedom', 'of', 'assembly', 'and', 'expression', 'Қазақстан', 'حرية'][k % 7]).join(' ')}"`);
    return { markdown, lang, files: { 'chart.png': chartPng } };
  });
