// Text strings written as PDF literal strings (src/render/pdf/operators.ts, utf16Literal): a reader
// gets every character back, whatever bytes its UTF-16 holds.
import { describe, expect, it } from 'vitest';
import { PDFString } from '../src/render/pdf/pdf-lib.ts';
import { utf16Literal } from '../src/render/pdf/operators.ts';

describe('UTF-16 literal strings', () => {
  it('read back as written, the bytes a literal cannot hold escaped', () => {
    // "(" and ")" and "\" alone, then characters whose UTF-16 holds those bytes and line ends:
    // U+285C (0x28 0x5C), U+0D0A (0x0D 0x0A), U+295D, U+5C29, and Arabic.
    const text = '(a) \\ \u285c\u0d0a\u295d\u5c29 كازاخستان 2022 «نص»';
    const literal = utf16Literal(text);
    expect(PDFString.of(literal).decodeText()).toBe(text);
    // No raw carriage return, and every parenthesis and backslash escaped: balanced or not, the
    // string ends where it should.
    expect(literal).not.toMatch(/\r|\n/u);
    expect(literal.replace(/\\[()\\rn]/gu, '')).not.toMatch(/[()\\]/u);
    // Two bytes a character after the byte order mark, plus one for each escape.
    expect(literal.startsWith('\u00fe\u00ff')).toBe(true);
    expect(literal.length).toBe(2 + 2 * text.length + (literal.match(/\\[()\\rn]/gu) ?? []).length);
  });
});
