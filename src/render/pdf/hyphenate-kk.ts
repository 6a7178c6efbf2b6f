// Kazakh hyphenation by syllable, written here because no pattern set exists for Kazakh: neither
// TeX's hyph-utf8 (which the `hyphen` package ships), nor Hyphenopoly, nor LibreOffice's
// dictionaries (Debian's hyphen-*) have one. Kazakh syllables are regular: a syllable holds one
// vowel, a native word starts a syllable with at most one consonant, so a word divides before the
// last consonant between two vowels (ба-ла, мек-теп, айт-ты) and between two vowels (жи-ын).
// У and и after a vowel, or starting a word before one, are glides, consonants (тау-лар, кеу-де,
// уа-қыт); ь and ъ stay with the consonant before them. Loanwords divide by the same rule (кон-сти-ту-ци-я would be конс-ти-ту-ци-я), which
// Kazakh spelling allows for them.

const VOWELS = new Set('аәеёиоөуұүыіэюя');
const GLIDES = new Set('уи');
const SIGNS = new Set('ьъ');
const SOFT = '\u00ad';

/** The word with a soft hyphen at each syllable boundary. Callers keep letters either side of a
 * break (syllables() in hyphenate.ts); a word holding anything but Kazakh Cyrillic letters is
 * returned whole. */
export function hyphenateKazakh(word: string): string {
  const letters = [...word.toLowerCase()];
  if (letters.length !== [...word].length || !letters.every((c) => /[а-яёәғқңөұүһі]/u.test(c))) return word;
  // A glide is a consonant after a vowel (тау, кеуде) and before one at the start (уақыт).
  const glide = (i: number): boolean => GLIDES.has(letters[i]!) &&
    (i > 0 ? VOWELS.has(letters[i - 1]!) && !GLIDES.has(letters[i - 1]!) : VOWELS.has(letters[1] ?? ''));
  const vowel = letters.map((c, i) => VOWELS.has(c) && !glide(i));
  const breaks = new Set<number>();
  let previous = -1;
  for (let i = 0; i < letters.length; i++) {
    if (!vowel[i]) continue;
    if (previous >= 0) {
      const between = i - previous - 1;
      // Before the vowel when nothing stands between; else before the last consonant, but never
      // before a sign (it ends the consonant before it).
      let at = between === 0 ? i : i - 1;
      if (SIGNS.has(letters[at]!)) at++;
      breaks.add(at);
    }
    previous = i;
  }
  const chars = [...word];
  return chars.map((c, i) => (breaks.has(i) && i > 0 ? SOFT + c : c)).join('');
}
