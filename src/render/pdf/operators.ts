// The PDF syntax Folio writes by hand: numbers, colours, hex strings, compressed streams.
import { deflateSync } from 'node:zlib';
import { PDFNumber, type PDFDocument } from './pdf-lib.ts';

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

/** A text string as the bytes of a PDF literal string, between its parentheses (as pdf-lib's
 * PDFString writes its value): UTF-16BE after a byte order mark, two bytes a character where a hex
 * string takes four, with the bytes a literal string cannot hold as they are escaped. */
export function utf16Literal(text: string): string {
  let out = '\u00fe\u00ff';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += literalByte(code >> 8) + literalByte(code & 0xff);
  }
  return out;
}

function literalByte(byte: number): string {
  if (byte === 0x28 || byte === 0x29 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`;
  // A line end inside a literal string reads as a line feed, whichever was written.
  if (byte === 0x0d) return '\\r';
  if (byte === 0x0a) return '\\n';
  return String.fromCharCode(byte);
}

/** A Flate-compressed stream, compressed with Node's zlib: native, and the same bytes every time on
 * one machine, but not on every machine. Node's zlib is Chromium's, which hashes strings with the
 * processor's CRC32C instruction where it has one (x86-64 with SSE4.2 and PCLMUL, Arm with the CRC
 * extension) and with zlib's own hash where it has not, and so compresses differently there (as valid,
 * and read the same). pako (zlib in JavaScript) gives the same bytes everywhere, but costs the
 * seed's first PDF ~30 ms more of CPU in a fresh process (its deflate runs cold, in V8's
 * interpreter) and a bulk build ~2 ms an edition; the compiled command gives pdf-lib, for its
 * object streams, Node's zlib in pako's place too (scripts/shims/pako.cjs). */
export function deflated(context: PDFDocument['context'], data: string | Uint8Array): ReturnType<PDFDocument['context']['stream']> {
  return context.stream(new Uint8Array(deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, { level: 6 })), { Filter: 'FlateDecode' });
}

const HEX_DIGITS = new TextEncoder().encode('0123456789ABCDEF');

/** Writes a content stream as bytes: the operators' text, numbers as fmt() gives them and hex
 * codes as hex4() does, without a string for each. A page draws thousands of glyphs, and making
 * their operators as strings (then joining them, then turning them into bytes) was most of
 * writing a page. Its buffer is reused from page to page; `bytes()` is valid until the next
 * `reset()`. */
export class ContentWriter {
  #buf = new Uint8Array(1 << 16);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  #room(n: number): void {
    if (this.length + n <= this.#buf.length) return;
    const bigger = new Uint8Array(Math.max(this.#buf.length * 2, this.length + n));
    bigger.set(this.#buf.subarray(0, this.length));
    this.#buf = bigger;
  }

  /** Text of one-byte characters (the operators, names and numbers are ASCII). */
  text(s: string): void {
    this.#room(s.length);
    const buf = this.#buf;
    let at = this.length;
    for (let k = 0; k < s.length; k++) buf[at++] = s.charCodeAt(k);
    this.length = at;
  }

  byte(c: number): void {
    this.#room(1);
    this.#buf[this.length++] = c;
  }

  /** A number as fmt() writes it: rounded to thousandths, no trailing zeros, never -0. */
  num(n: number): void {
    const k = Math.round(n * 1000);
    // Beyond this, or not finite, String() decides (an exponent, NaN): never in a Folio page.
    if (!(Math.abs(k) < 1e12)) {
      this.text(fmt(n));
      return;
    }
    if (k === 0) {
      this.byte(48);
      return;
    }
    this.#room(20);
    const buf = this.#buf;
    let at = this.length;
    let m = k;
    if (m < 0) {
      buf[at++] = 45;
      m = -m;
    }
    // Below 1e12 thousandths every step is exact in doubles, and the decimal of k / 1000 is the
    // shortest that reads back as it: what String() gives.
    const whole = Math.floor(m / 1000);
    let frac = m - whole * 1000;
    if (whole === 0) buf[at++] = 48;
    else {
      let digits = 0;
      for (let w = whole; w > 0; w = Math.floor(w / 10)) digits++;
      for (let w = whole, d = at + digits - 1; w > 0; w = Math.floor(w / 10)) buf[d--] = 48 + (w % 10);
      at += digits;
    }
    if (frac > 0) {
      buf[at++] = 46;
      let digits = 3;
      while (frac % 10 === 0) {
        frac /= 10;
        digits--;
      }
      for (let d = digits - 1; d >= 0; d--) buf[at + d] = 48 + (frac % 10), (frac = Math.floor(frac / 10));
      at += digits;
    }
    this.length = at;
  }

  /** A 16-bit code as four upper-case hex digits, as hex4() writes it. */
  hex4(n: number): void {
    if (n > 0xffff || n < 0) {
      this.text(hex4(n));
      return;
    }
    this.#room(4);
    const buf = this.#buf;
    const at = this.length;
    buf[at] = HEX_DIGITS[(n >> 12) & 15]!;
    buf[at + 1] = HEX_DIGITS[(n >> 8) & 15]!;
    buf[at + 2] = HEX_DIGITS[(n >> 4) & 15]!;
    buf[at + 3] = HEX_DIGITS[n & 15]!;
    this.length = at + 4;
  }

  bytes(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }
}

export function fmtNum(n: number): PDFNumber {
  return PDFNumber.of(Math.round(n * 100) / 100);
}

