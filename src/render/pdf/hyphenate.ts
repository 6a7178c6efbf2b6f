// Hyphenation points from TeX patterns (the `hyphen` package), one hyphenator per language,
// built once per process; Kazakh, which has no patterns, by its syllable rules (hyphenate-kk.ts).
// Other languages without patterns are not hyphenated.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import createHyphenator from 'hyphen';
import { hyphenateKazakh } from './hyphenate-kk.ts';

const require = createRequire(import.meta.url);
const SOFT = '\u00ad';

// English is cut with the US patterns, the ones TeX uses by default and the more conservative
// (the British set gives "arres-ted", "determ-ined"); an edition tagged en-GB gets the British
// ones. Other languages use their own patterns when shipped.
const PATTERNS: Record<string, string> = { en: 'en-us', de: 'de-1996', el: 'el-monoton' };
/** Languages cut by rules rather than patterns. */
const RULES: Partial<Record<string, (word: string) => string>> = { kk: hyphenateKazakh };

/** An unquoted key of the patterns' object literals (`a:`, `ә:`), to be quoted for JSON. */
const BARE_KEY = /([{,]\s*)([^\s"{}[\],:]+)\s*:/g;

/** The data of `hyphen/patterns/<name>.js`. Each file is one large array literal in a UMD
 * wrapper; compiled as JavaScript (no code cache reaches a package's own files) the English one
 * cost a fresh process ~6 ms, while its text read as JSON (keys quoted) costs about half. Written
 * by hand: the format is the package's own; a file that does not read this way is required as
 * before, and the tests check that both ways give the same data for every language. */
export function readPatterns(name: string): unknown {
  const file = require.resolve(`hyphen/patterns/${name}.js`);
  try {
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('})(this, [');
    const end = text.lastIndexOf(']);');
    if (start >= 0 && end > start) return JSON.parse(text.slice(start + 9, end + 1).replace(BARE_KEY, '$1"$2":'));
  } catch {
    // Not in the expected shape: loaded as the module it is.
  }
  return require(file);
}

const hyphenators = new Map<string, ((word: string) => string) | null>();

function hyphenatorFor(lang: string): ((word: string) => string) | null {
  if (hyphenators.has(lang)) return hyphenators.get(lang)!;
  const base = lang.toLowerCase().split('-')[0]!;
  let made: ((word: string) => string) | null = RULES[base] ?? null;
  for (const name of made ? [] : [lang.toLowerCase(), PATTERNS[base], base]) {
    if (!name) continue;
    try {
      const patterns = readPatterns(name);
      made = createHyphenator(patterns, { async: false, hyphenChar: SOFT, minWordLength: 5 });
      break;
    } catch {
      // No patterns under this name; try the next.
    }
  }
  hyphenators.set(lang, made);
  return made;
}

const cache = new Map<string, string[]>();
/** Words kept: a long build meets an ever larger vocabulary, and a cut word may be a slice of the
 * text it came from; the cache starts again when full, as the word caches of itemize.ts do. */
const KEPT = 20_000;

/** Longer "words" are not words (a string of letters, a hash): the pattern matcher takes time
 * growing faster than their length, and the line breaker cuts them between any letters anyway. */
const LONGEST = 60;

/** The word cut at its hyphenation points (at least two letters before, three after). A word
 * starting with a capital is left whole: names ("Taldykorgan", "Democratic Party") are not cut,
 * unless `names` says so (the emergency pass, for a line that cannot be set otherwise). */
export function syllables(word: string, lang: string, names = false): string[] {
  const key = `${lang}\u0000${names ? 'N' : ''}\u0000${word}`;
  const known = cache.get(key);
  if (known) return known;
  const hyphenate = hyphenatorFor(lang);
  let parts = [word];
  if (hyphenate && word.length <= LONGEST && (names ? /^\p{L}{5,}$/u : /^\p{Ll}\p{L}{4,}$/u).test(word)) {
    // The patterns are for lower-case words (and the cuts must map back letter for letter).
    const lower = names && word.toLowerCase().length === word.length ? word.toLowerCase() : word;
    let at = 0;
    parts = hyphenate(lower).split(SOFT).map((part) => word.slice(at, (at += part.length)));
    // Keep at least two letters before a break and three after it.
    while (parts.length > 1 && parts[0]!.length < 2) parts.splice(0, 2, parts[0]! + parts[1]!);
    while (parts.length > 1 && parts[parts.length - 1]!.length < 3) {
      const last = parts.pop()!;
      parts[parts.length - 1] += last;
    }
  }
  if (cache.size >= KEPT) cache.clear();
  cache.set(key, parts);
  return parts;
}
