// Text widths for the Word file, estimated: it carries no font metrics, and Word or LibreOffice
// set its text in whatever face stands in for the theme's where that is not installed. Each
// character counts as wide as it is in the wider of Noto Serif and DejaVu Sans (LibreOffice's
// stand-in), so an estimate errs on the wide side: a column a little wider than its longest word,
// a list's text moved in a little more, never a word broken inside a cell ("Arres-ts").

/** Width of `text` in ems of its type size; `bold` text is a tenth wider. */
export function estimatedEms(text: string, bold = false): number {
  let ems = 0;
  for (const c of text) ems += charEms(c);
  return bold ? ems * 1.1 : ems;
}

function charEms(c: string): number {
  if (c >= '0' && c <= '9') return 0.64;
  if (c >= 'a' && c <= 'z') return 'fijlrt'.includes(c) ? 0.4 : c === 'm' || c === 'w' ? 0.92 : 0.62;
  if (c >= 'A' && c <= 'Z') return c === 'I' || c === 'J' ? 0.4 : c === 'M' || c === 'W' ? 0.95 : 0.76;
  if (' .,:;!|\'’‘`'.includes(c)) return 0.32;
  if ('%@&#'.includes(c)) return 0.95;
  const code = c.codePointAt(0)!;
  // CJK ideographs, kana, Hangul and full-width forms: an em each.
  if ((code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xff00 && code <= 0xff60)) return 1;
  // Cyrillic, Greek, Arabic, Latin with diacritics and the rest, as an average lowercase letter.
  return 0.66;
}
