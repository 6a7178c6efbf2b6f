// Explicit bidirectional formatting characters (embeddings, overrides, isolates) that a text
// leaves open. In a block of its own (a heading, a paragraph) the Unicode bidi algorithm closes
// them at the block's end; where Folio sets such a text before other words on the same line (the
// title before the publisher's name in a web page's <title>, before "Page n of N" in the Word
// file's footer), an override left open would reverse those words too.

const EMBEDDINGS = new Set([0x202a, 0x202b, 0x202d, 0x202e]); // LRE, RLE, LRO, RLO
const POP_DIRECTIONAL_FORMATTING = 0x202c;
const ISOLATES = new Set([0x2066, 0x2067, 0x2068]); // LRI, RLI, FSI
const POP_DIRECTIONAL_ISOLATE = 0x2069;

/** `text` with whatever embedding, override or isolate it opens and leaves open closed at its end. */
export function closeBidiControls(text: string): string {
  // Quick exit: almost no text holds any of these characters.
  if (!/[\u202a-\u202e\u2066-\u2069]/u.test(text)) return text;
  const open: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (EMBEDDINGS.has(c) || ISOLATES.has(c)) open.push(c);
    else if (c === POP_DIRECTIONAL_FORMATTING) {
      // Closes the latest embedding or override, unless an isolate was opened after it (UAX #9, X7).
      if (open.length && EMBEDDINGS.has(open[open.length - 1]!)) open.pop();
    } else if (c === POP_DIRECTIONAL_ISOLATE) {
      // Closes the latest isolate and every embedding opened inside it (X6a); unmatched, nothing.
      let at = open.length - 1;
      while (at >= 0 && !ISOLATES.has(open[at]!)) at--;
      if (at >= 0) open.length = at;
    }
  }
  return text + open.reverse().map((o) => String.fromCodePoint(ISOLATES.has(o) ? POP_DIRECTIONAL_ISOLATE : POP_DIRECTIONAL_FORMATTING)).join('');
}
