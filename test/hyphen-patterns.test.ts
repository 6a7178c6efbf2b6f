// The hyphenation patterns: read from the `hyphen` package's files as JSON, packed into typed
// arrays and matched by Folio's own walk over them (src/render/pdf/patterns.ts, for a fresh
// process's start-up). For every language the package ships, the data must be what requiring the
// file gives, and the cuts those of the package's own hyphenator, or the line breaks of that
// language would change.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import createHyphenator from 'hyphen';
import { afterAll, describe, expect, it } from 'vitest';
import { deserializePacked, hyphenParts, pack, readPatterns, serializePacked, writePacked, type Packed } from '../src/render/pdf/patterns.ts';
import { syllables } from '../src/render/pdf/hyphenate.ts';

const require = createRequire(import.meta.url);
const dir = join(dirname(require.resolve('hyphen/patterns/en-us.js')));
const names = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3));
const SOFT = '\u00ad';

/** The letters a language's trie knows, for words made of them. */
function lettersOf(data: unknown[]): string[] {
  const letters = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) walk(node[0]);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        // Letters only: syllables() hands the hyphenator nothing else.
        if (/^\p{L}$/u.test(k)) letters.add(k);
        walk(v);
      }
    }
  };
  walk(data[1]);
  return [...letters].sort();
}

/** Words to cut: the exceptions, and strings of the language's letters (a fixed sequence), which
 * meet far more of the patterns than a page of prose; as syllables() cuts, words of five letters
 * or more. */
function wordsFor(data: unknown[], count: number): string[] {
  const letters = lettersOf(data);
  const words = Object.keys((data[2] as Record<string, number[]> | undefined) ?? {}).filter((w) => /^\p{L}{5,}$/u.test(w));
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count && letters.length; i++) {
    let word = '';
    const length = 5 + next(14);
    for (let k = 0; k < length; k++) word += letters[next(letters.length)];
    words.push(word);
  }
  return words;
}

describe('hyphenation patterns read as JSON', () => {
  it('finds the package\'s languages', () => {
    expect(names).toEqual(expect.arrayContaining(['en-us', 'en-gb', 'fr', 'es', 'ru', 'de-1996']));
  });

  it.each(names)('%s: the same data as the module, and the same cuts as the package', (name) => {
    let module: unknown;
    try {
      module = require(join(dir, `${name}.js`));
    } catch {
      // cu.js does not compile as JavaScript (a key that is no identifier, `ⸯ:`); read as data
      // it gives its levels and patterns, so Church Slavonic is hyphenated rather than not at all.
      module = undefined;
    }
    const data = readPatterns(name) as unknown[];
    if (module === undefined) expect(Array.isArray(data[0]) && typeof data[1] === 'object').toBe(true);
    else expect(data).toEqual(module);
    // The package's hyphenator changes the data it is given (it adds the words it met to the
    // exceptions): a copy of its own.
    const hyphenate = createHyphenator(readPatterns(name), { async: false, hyphenChar: SOFT, minWordLength: 5 }) as (text: string) => string;
    const packed = pack(data as Parameters<typeof pack>[0]);
    const words = wordsFor(data, 400);
    expect(words.length).toBeGreaterThan(300);
    const ours = words.map((w) => hyphenParts(packed, w, w.toLocaleLowerCase()));
    expect(ours).toEqual(words.map((w) => hyphenate(w).split(SOFT)));
    // Some words are cut at all: the comparison is not of words left whole.
    expect(ours.filter((parts) => parts.length > 1).length).toBeGreaterThan(0);
  });
});

describe('packed patterns', () => {
  const out = mkdtempSync(join(tmpdir(), 'folio-patterns-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('read back from the file compile writes as they were packed, and refused when made from another package file', () => {
    writePacked(out, ['en-us', 'fr']);
    expect(readdirSync(out).sort()).toEqual(['en-us.bin', 'fr.bin']);
    const size = statSync(join(dir, 'en-us.js')).size;
    const bytes = readFileSync(join(out, 'en-us.bin'));
    const read = deserializePacked(bytes, size) as Packed;
    const made = pack(readPatterns('en-us') as Parameters<typeof pack>[0]);
    expect(read).toEqual(made);
    expect(hyphenParts(read, 'hyphenation', 'hyphenation')).toEqual(['hy', 'phen', 'ation']);
    // The exceptions list's own cuts: "ta-ble".
    expect(hyphenParts(read, 'table', 'table')).toEqual(['ta', 'ble']);
    expect(deserializePacked(bytes, size + 1)).toBeUndefined();
    expect(deserializePacked(bytes.subarray(0, bytes.length - 1), size)).toBeUndefined();
    expect(deserializePacked(serializePacked(made, size), size)).toEqual(made);
  });

  it.each([['en', 'en-us'], ['fr', 'fr'], ['es', 'es'], ['ru', 'ru']])('cut every word of the seed\'s %s edition as the package does', (lang, name) => {
    const hyphenate = createHyphenator(readPatterns(name), { async: false, hyphenChar: SOFT, minWordLength: 5 }) as (text: string) => string;
    const text = readFileSync(join(import.meta.dirname, '..', 'source', 'kazakhstan-2022', `${lang}.md`), 'utf8');
    const words = [...new Set(text.match(/\p{L}+/gu) ?? [])].filter((w) => /^\p{Ll}\p{L}{4,}$/u.test(w));
    expect(words.length).toBeGreaterThan(200);
    const keep = (parts: string[]): string[] => {
      // syllables() keeps two letters before a cut and three after it.
      while (parts.length > 1 && parts[0]!.length < 2) parts.splice(0, 2, parts[0]! + parts[1]!);
      while (parts.length > 1 && parts[parts.length - 1]!.length < 3) parts[parts.length - 2] += parts.pop()!;
      return parts;
    };
    expect(words.map((w) => syllables(w, lang))).toEqual(words.map((w) => keep(hyphenate(w).split(SOFT))));
  });
});
