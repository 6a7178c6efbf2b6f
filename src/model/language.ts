// The language of a stretch of text in another script than its edition's (a Russian quotation
// in an English edition, an Arabic name in a Russian one), for every writer to mark it: the PDF on
// a Span (/Lang), the web page with `lang`, the Word file on its runs (w:lang). Screen readers
// switch voice on it, and Word checks the spelling in that language. Guessed from the script
// alone: Latin letters are left alone (names and terms in Latin letters read in the edition's
// language in every edition here), and so is a script that names no one language.

/** A glyph's text that belongs to no script: spaces, digits, punctuation. */
export const NEUTRAL = '';

/** Script of a glyph's text, by its first character: a letter's script, or NEUTRAL. Only scripts
 * that tell a language apart well enough to name it are told apart; any other letter is 'other'. */
export function scriptOf(text: string): string {
  const c = text.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 'latn' : NEUTRAL;
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 ? 'latn' : NEUTRAL;
  if (c >= 0x370 && c < 0x400) return 'grek';
  if (c >= 0x400 && c < 0x530) return 'cyrl';
  if (c >= 0x530 && c < 0x590) return 'armn';
  if (c >= 0x590 && c < 0x600) return 'hebr';
  if ((c >= 0x600 && c < 0x700) || (c >= 0x750 && c < 0x780) || (c >= 0x8a0 && c < 0x900) || (c >= 0xfb50 && c < 0xfe00) || (c >= 0xfe70 && c < 0xff00)) {
    // Arabic digits and punctuation are neutral like any others.
    return (c >= 0x660 && c <= 0x66d) || c === 0x60c || c === 0x61b || c === 0x61f || c === 0x6d4 ? NEUTRAL : 'arab';
  }
  if (c >= 0x900 && c < 0x980) return 'deva';
  if (c >= 0xe00 && c < 0xe80) return 'thai';
  if (c >= 0x10a0 && c < 0x1100) return 'geor';
  if ((c >= 0x1100 && c < 0x1200) || (c >= 0xac00 && c < 0xd7b0)) return 'hang';
  if (c >= 0x3040 && c < 0x3100) return 'kana';
  if (c >= 0x4e00 && c < 0xa000) return 'hani';
  return /\p{L}/u.test(text) ? 'other' : NEUTRAL;
}

/** The language of a stretch of text in `script`, when it is not the edition's own: the PDF says so
 * on a Span (/Lang), for screen readers to switch voice. */
export type Foreign = (script: string, text: string) => string | undefined;

/** Languages a script names, for a stretch in an edition written in another. Latin is left alone
 * (names and terms in Latin letters read in the edition's language in every edition here); so is a
 * script that names no one language. Cyrillic is Kazakh when it has Kazakh letters, else Russian:
 * the languages of the reports Folio publishes. */
const LANGUAGES: Record<string, string | ((text: string) => string)> = {
  grek: 'el', armn: 'hy', hebr: 'he', arab: 'ar', deva: 'hi', thai: 'th', geor: 'ka', hang: 'ko', kana: 'ja', hani: 'zh',
  cyrl: (text) => (/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u.test(text) ? 'kk' : 'ru'),
};

/** Scripts each edition language is written in. */
const NATIVE: Record<string, string[]> = {
  ar: ['arab'], fa: ['arab'], ur: ['arab'], ps: ['arab'], ckb: ['arab'], sd: ['arab'], ug: ['arab'],
  ru: ['cyrl'], kk: ['cyrl'], uk: ['cyrl'], be: ['cyrl'], bg: ['cyrl'], sr: ['cyrl'], mk: ['cyrl'], ky: ['cyrl'], tg: ['cyrl'], mn: ['cyrl'],
  el: ['grek'], hy: ['armn'], he: ['hebr'], yi: ['hebr'], hi: ['deva'], mr: ['deva'], ne: ['deva'], th: ['thai'], ka: ['geor'],
  ko: ['hang', 'hani'], ja: ['kana', 'hani'], zh: ['hani'],
};

export function foreignLanguage(editionLang: string): Foreign {
  const native = new Set(NATIVE[editionLang.toLowerCase().split('-')[0]!] ?? []);
  return (script, text) => {
    if (native.has(script)) return undefined;
    const lang = LANGUAGES[script];
    return typeof lang === 'function' ? lang(text) : lang;
  };
}

const beyondLatin = /[^\u0000-\u036f]/u;

/** Text cut where its language changes: each stretch from the first to the last letter of a run
 * of one foreign script (the spaces, digits and punctuation between its letters inside it, those
 * around it outside), with its language; the rest without one. Together, the whole text. */
export function languageStretches(text: string, foreign: Foreign): { text: string; lang?: string }[] {
  // Most text is Latin letters, digits and punctuation alone (every script scriptOf names starts
  // at U+0370): nothing to look at letter by letter.
  if (!beyondLatin.test(text)) return text === '' ? [] : [{ text }];
  const out: { text: string; lang?: string }[] = [];
  let done = 0;
  // The open stretch: its script, where it starts and where its last letter ends.
  let script: string | undefined;
  let start = 0;
  let end = 0;
  const close = () => {
    if (script === undefined) return;
    const lang = foreign(script, text.slice(start, end));
    if (lang !== undefined) {
      if (start > done) out.push({ text: text.slice(done, start) });
      out.push({ text: text.slice(start, end), lang });
      done = end;
    }
    script = undefined;
  };
  for (let i = 0; i < text.length; ) {
    const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
    const s = scriptOf(width === 1 ? text[i]! : text.slice(i, i + 2));
    if (s !== NEUTRAL) {
      if (s !== script) {
        close();
        script = s;
        start = i;
      }
      end = i + width;
    }
    i += width;
  }
  close();
  if (done < text.length) out.push({ text: text.slice(done) });
  return out;
}
