import type { Direction } from './types.ts';

// Languages written right to left (their primary subtag).
const rtl = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku-arab', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function directionOf(lang: string): Direction {
  const lower = lang.toLowerCase();
  return rtl.has(lower) || rtl.has(lower.split('-')[0]) ? 'rtl' : 'ltr';
}
