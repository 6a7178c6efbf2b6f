// The fast YAML reader (src/shared/yaml.ts) against `yaml`, which reads whatever it declines: the
// same values, and every top-level key and scalar value at the same place, on every template,
// report.yaml and front matter Folio has and on documents written every other way; a document
// `yaml` refuses is never taken by the fast reader, so its message stays `yaml`'s.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { lineColumn, quickMapping } from '../src/shared/yaml.ts';
import { root } from './helpers.ts';

/** What `yaml` reads: the value, and the places of the top-level keys and scalar values. */
function slow(text: string): { value: unknown; keys: Map<string, number>; values: Map<string, number> } | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch {
    return undefined;
  }
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      keys.set(String(pair.key.value), pair.key.range[0]);
      const v = pair.value;
      if (isScalar(v) && v.range) values.set(String(pair.key.value), v.range[0] + (v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE' ? 1 : 0));
    }
  }
  return { value, keys, values };
}

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(keep).sort().map((f) => join(dir, f));
}

const frontMatter = (text: string): string => /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text)![1]!;

const folios = [
  ...files(join(root, 'templates'), (f) => f.endsWith('.yaml')).map((f) => [f, readFileSync(f, 'utf8')] as const),
  ...files(join(root, 'source'), (f) => f.endsWith('report.yaml')).map((f) => [f, readFileSync(f, 'utf8')] as const),
  ...files(join(root, 'source'), (f) => f.endsWith('.md')).map((f) => [f, frontMatter(readFileSync(f, 'utf8'))] as const),
];

const variants = [
  'title: Kazakhstan 2022\ncountry: Kazakhstan\n',
  'title: "Kazakhstan \\"2022\\""\ncountry: \'Kazak\'\'hstan\'\n',
  'title: Казахстан 2022 # a comment\n\n# a line of comment\ncountry: Қазақстан\n',
  'title: A title written\n  over two lines\ncountry: x\n',
  'title: "A quoted title\n  over two lines"\n',
  'title: Kazakhstan\r\ncountry: Kazakhstan\r\n',
  'year: 2022\nratio: 0.5\nhex: 0x1F\noctal: 0o17\nunderscored: 1_000\non: yes\nflag: true\nnothing: null\ntilde: ~\nempty:\ndate: 2022-03-27\n',
  'sections: [background, death-penalty]\ncountry: Kazakhstan\n',
  'sections:\n  - background\n  - death-penalty\ncountry: Kazakhstan\n',
  'fonts:\n  body:\n    family: Noto Serif\n    fallback: [Georgia, serif]\npage: { width: 595, height: 842 }\n',
  '"[": x\ntitle: Demo\n',
  "'quoted key': x\n",
  '1: one\ntrue: yes\n',
  'title: |\n  A block\n  title\n',
  'title: >-\n  Folded\n',
  'title: &t Demo\ncountry: *t\n',
  'title: !!str 2022\n',
  'a: &a [x, x]\nb: [*a, *a]\n',
  `a: &a [x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n`,
  'title: Demo\ntitle: Again\n',
  'title: "unterminated\n',
  'title: a: b\n',
  '- a list\n- at the top\n',
  'just text\n',
  '',
  '? complex\n: key\n',
  '--- \ntitle: Demo\n',
  'title: Demo\n...\n',
  'title:\tDemo\n',
  '\ttitle: Demo\n',
  'title: "\\u00e9\\t"\n',
];

describe('the fast YAML reader', () => {
  it.each([...folios, ...variants.map((v, i) => [`variant ${i}`, v] as const)])('reads %s as yaml does, or leaves it to yaml', (_name, text) => {
    const quick = quickMapping(text);
    const reference = slow(text);
    if (quick === undefined) return;
    // Taken only when `yaml` reads it too, to the same data at the same places.
    expect(reference).toBeDefined();
    expect(quick.value).toEqual(reference!.value);
    expect(quick.keys).toEqual(reference!.keys);
    expect(quick.values).toEqual(reference!.values);
  });

  it('takes every template, report.yaml and front matter Folio has', () => {
    expect(folios.length).toBeGreaterThan(10);
    for (const [file, text] of folios) expect([file, quickMapping(text) !== undefined]).toEqual([file, true]);
  });

  it('leaves to yaml what it cannot place or should refuse', () => {
    for (const text of ['title: |\n  A block\n', 'title: &t Demo\ncountry: *t\n', 'title: Demo\ntitle: Again\n', 'title: "unterminated\n', '- a list\n', 'just text\n']) {
      expect([text, quickMapping(text)]).toEqual([text, undefined]);
    }
    // More aliases than asked for.
    expect(quickMapping('a: &a x\nb: [*a, *a, *a]\n', 2)).toBeUndefined();
  });

  it('gives lines and columns as yaml does', () => {
    const text = 'a: 1\r\nbb: "two"\n\nccc: three\n';
    const counter = new LineCounter();
    parseDocument(text, { lineCounter: counter });
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, col } = counter.linePos(offset);
      expect(lineColumn(text, offset)).toEqual({ line, column: col });
    }
  });
});
