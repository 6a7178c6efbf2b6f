// Hyphenation points from TeX patterns (the `hyphen` package), one hyphenator per language,
// built once per process; Kazakh, which has no patterns, by its syllable rules (hyphenate-kk.ts).
// Other languages without patterns are not hyphenated.
import { hyphenateKazakh } from './hyphenate-kk.ts';
import { hyphenParts, loadPacked } from './patterns.ts';

const SOFT = '\u00ad';

// English is cut with the US patterns, the ones TeX uses by default and the more conservative
// (the British set gives "arres-ted", "determ-ined"); an edition tagged en-GB gets the British
// ones. Other languages use their own patterns when shipped.
const PATTERNS: Record<string, string> = { en: 'en-us', de: 'de-1996', el: 'el-monoton' };
/** Languages cut by rules rather than patterns. */
const RULES: Partial<Record<string, (word: string) => string>> = { kk: hyphenateKazakh };

/** A hyphenator: the word with a soft hyphen at each cut, or the word in its pieces. */
type Hyphenator = { rules: (word: string) => string } | { parts: (text: string) => string[] };

const hyphenators = new Map<string, Hyphenator | null>();

function hyphenatorFor(lang: string): Hyphenator | null {
  if (hyphenators.has(lang)) return hyphenators.get(lang)!;
  const base = lang.toLowerCase().split('-')[0]!;
  const rules = RULES[base];
  let made: Hyphenator | null = rules ? { rules } : null;
  for (const name of made ? [] : [lang.toLowerCase(), PATTERNS[base], base]) {
    if (!name) continue;
    try {
      const packed = loadPacked(name);
      // As the package's hyphenator with its default locale's lower case (patterns.ts).
      made = { parts: (text) => hyphenParts(packed, text, text.toLocaleLowerCase()) };
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
    parts = ('rules' in hyphenate ? hyphenate.rules(lower).split(SOFT) : hyphenate.parts(lower)).map((part) => word.slice(at, (at += part.length)));
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
