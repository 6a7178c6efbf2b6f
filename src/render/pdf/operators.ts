// The PDF syntax Folio writes by hand: numbers, colours, hex strings, compressed streams.
import { deflateSync } from 'node:zlib';
import { PDFNumber, type PDFDocument } from 'pdf-lib';

const colours = new Map<string, string>();

export function rgb(hex: string): string {
  let known = colours.get(hex);
  if (known === undefined) {
    const v = hex.replace('#', '');
    const n = (k: number): string => fmt(parseInt(v.slice(k, k + 2), 16) / 255);
    colours.set(hex, (known = `${n(0)} ${n(2)} ${n(4)}`));
  }
  return known;
}

export function fmt(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Four hex digits of each 16-bit code, made as met: every glyph drawn needs one. */
const hexes: string[] = [];

export function hex4(n: number): string {
  return (hexes[n] ??= n.toString(16).toUpperCase().padStart(4, '0'));
}

export function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}


/** A Flate-compressed stream, compressed with Node's zlib (native, and the same bytes every time). */
export function deflated(context: PDFDocument['context'], text: string): ReturnType<PDFDocument['context']['stream']> {
  return context.stream(new Uint8Array(deflateSync(Buffer.from(text, 'latin1'), { level: 6 })), { Filter: 'FlateDecode' });
}

export function fmtNum(n: number): PDFNumber {
  return PDFNumber.of(Math.round(n * 100) / 100);
}

