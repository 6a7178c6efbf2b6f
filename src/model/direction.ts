// Writing direction, decided here for every writer: of an edition, from its language; of a run of
// text, from its script.
import type { Direction } from './types.ts';

// Languages written right to left (their primary subtag).
const rtlLanguages = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku-arab', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function directionOf(lang: string): Direction {
  const lower = lang.toLowerCase();
  return rtlLanguages.has(lower) || rtlLanguages.has(lower.split('-')[0]) ? 'rtl' : 'ltr';
}

/** A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms). */
export const rtlLetter = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

export function hasRtlScript(text: string): boolean {
  return rtlLetter.test(text);
}
