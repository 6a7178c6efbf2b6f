// Writing direction, decided here for every writer: of an edition, from its language; of a run of
// text, from its script.
import type { Nodes } from 'mdast';
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

/** Scripts written right to left, by Script_Extensions: the tatweel (U+0640, of the Common script)
 * is written with Arabic and reads right to left. */
const rtlScripts = String.raw`\p{Script_Extensions=Arabic}\p{Script_Extensions=Hebrew}\p{Script_Extensions=Syriac}\p{Script_Extensions=Thaana}\p{Script_Extensions=Nko}`;
/** A character that sets a paragraph right to left (bidi classes R and AL): a letter of a
 * right-to-left script, or the right-to-left and Arabic letter marks. */
const rtlStrong = new RegExp(String.raw`(?=\p{L})[${rtlScripts}]|[\u200F\u061C]`, 'u');
/** A character that sets a paragraph left to right (bidi class L): any other letter, or the
 * left-to-right mark. Digits, punctuation and symbols set neither. */
const ltrStrong = new RegExp(String.raw`(?![${rtlScripts}])\p{L}|\u200E`, 'u');

/** The direction a block's text (a paragraph, a heading, a list item's or a table cell's words, a
 * note) reads in, in an edition written `edition`: the edition's, unless every letter in it is of
 * a script of the other direction (an English title cited in an Arabic edition's note, an Arabic
 * slogan quoted in an English edition), which then reads in its own, so that its punctuation stays
 * at its ends ("2022." in an Arabic edition, not ".2022"). Not the first letter's direction, as a
 * web page's `dir="auto"` decides: an Arabic sentence opening with a Latin name reads right to
 * left. Text without letters (a number, a date) reads in the edition's direction. `text` leaves
 * out inline code, which every writer sets as an isolate of its own. Every writer keeps such a
 * block where the edition puts its blocks (on the right in an Arabic edition, as its list
 * markers and note numbers are): only the order within its lines changes. */
export function blockDirection(text: string, edition: Direction): Direction {
  const other: Direction = edition === 'rtl' ? 'ltr' : 'rtl';
  const [own, others] = edition === 'rtl' ? [rtlStrong, ltrStrong] : [ltrStrong, rtlStrong];
  return !own.test(text) && others.test(text) ? other : edition;
}

/** The direction of a block's inline content (blockDirection), judged by its words: not its code,
 * which every writer sets as an isolate of its own, nor a picture's alt text or a note's number. */
export function inlineDirection(nodes: readonly Nodes[], edition: Direction): Direction {
  return blockDirection(nodes.map(wordsOf).join(''), edition);
}

function wordsOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'inlineCode' || !('children' in node)) return '';
  return (node.children as Nodes[]).map(wordsOf).join('');
}
