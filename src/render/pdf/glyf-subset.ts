// A TrueType subsetter for the PDF's embedded fonts, written by hand because its job is small and
// start-up matters: glyph ids are kept (the PDF's CIDs are the shaper's glyph ids), the glyphs not
// used are emptied, hinting is dropped, and only the tables a PDF reader needs to draw a
// CIDFontType2 are written (head, hhea, maxp, hmtx, loca, glyf; the PDF's W array and ToUnicode
// map stand for cmap, name, post and OS/2). HarfBuzz's subsetter (subset.ts) does the same for
// any font, but its first call in a process costs about 40 ms of CPU (its WebAssembly compiled on
// first use) against about 2 ms here; it remains for what this one does not read (CFF outlines).

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

interface Table {
  offset: number;
  length: number;
}

function tables(font: Uint8Array): Map<string, Table> | undefined {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const version = view.getUint32(0);
  // TrueType outlines only ('true' or 1.0); an OpenType font with CFF outlines ('OTTO') is not ours.
  if (version !== 0x00010000 && version !== 0x74727565) return undefined;
  const out = new Map<string, Table>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    out.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) if (!out.has(tag)) return undefined;
  return out;
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** A glyph's outline without its hinting instructions, and the glyphs a composite is made of. */
function stripGlyph(glyph: Uint8Array): { data: Uint8Array; parts: number[] } {
  if (glyph.length === 0) return { data: glyph, parts: [] };
  const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  const contours = view.getInt16(0);
  if (contours >= 0) {
    // Simple glyph: header (10 bytes), end points, instruction length and instructions, then points.
    const at = 10 + contours * 2;
    const length = view.getUint16(at);
    const out = new Uint8Array(glyph.length - length);
    out.set(glyph.subarray(0, at + 2));
    out[at] = 0;
    out[at + 1] = 0;
    out.set(glyph.subarray(at + 2 + length), at + 2);
    return { data: out, parts: [] };
  }
  // Composite glyph: components until one lacks MORE_COMPONENTS; instructions after the last.
  const parts: number[] = [];
  let at = 10;
  let flags: number;
  let last: number;
  do {
    last = at;
    flags = view.getUint16(at);
    parts.push(view.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
  } while (flags & MORE_COMPONENTS);
  const data = glyph.slice(0, at);
  if (flags & WE_HAVE_INSTRUCTIONS) new DataView(data.buffer).setUint16(last, flags & ~WE_HAVE_INSTRUCTIONS);
  return { data, parts };
}

/** A TrueType file holding only the given glyphs (plus .notdef and the parts of composites), glyph
 * ids kept; undefined for a font this cannot read (no glyf table). */
export function subsetGlyf(font: Uint8Array, glyphs: Iterable<number>): Uint8Array | undefined {
  const found = tables(font);
  if (!found) return undefined;
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const table = (tag: string): Uint8Array => {
    const t = found.get(tag)!;
    return font.subarray(t.offset, t.offset + t.length);
  };
  const head = found.get('head')!;
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(found.get('maxp')!.offset + 4);
  const loca = found.get('loca')!.offset;
  const glyf = found.get('glyf')!.offset;
  const where = (gid: number): [number, number] =>
    longLoca
      ? [view.getUint32(loca + gid * 4), view.getUint32(loca + gid * 4 + 4)]
      : [view.getUint16(loca + gid * 2) * 2, view.getUint16(loca + gid * 2 + 2) * 2];

  // The glyphs to keep, with every composite's parts.
  const keep = new Map<number, Uint8Array>();
  const pending = [0, ...glyphs];
  while (pending.length) {
    const gid = pending.pop()!;
    if (keep.has(gid) || gid < 0 || gid >= numGlyphs) continue;
    const [start, end] = where(gid);
    const { data, parts } = stripGlyph(font.subarray(glyf + start, glyf + end));
    keep.set(gid, data);
    pending.push(...parts);
  }

  // The font ends at the last glyph kept: ids above it are never shown.
  const count = Math.max(...keep.keys()) + 1;
  // glyf and loca: kept glyphs in place (each padded to 4 bytes), others empty; loca short
  // (offsets halved) when the outlines are small enough, as they usually are.
  let size = 0;
  for (const data of keep.values()) size += (data.length + 3) & ~3;
  const shortLoca = size / 2 <= 0xffff;
  const newGlyf = new Uint8Array(size);
  const newLoca = new Uint8Array((count + 1) * (shortLoca ? 2 : 4));
  const locaView = new DataView(newLoca.buffer);
  const setLoca = (gid: number, offset: number): void => (shortLoca ? locaView.setUint16(gid * 2, offset / 2) : locaView.setUint32(gid * 4, offset));
  let offset = 0;
  for (let gid = 0; gid < count; gid++) {
    setLoca(gid, offset);
    const data = keep.get(gid);
    if (data) {
      newGlyf.set(data, offset);
      offset += (data.length + 3) & ~3;
    }
  }
  setLoca(count, offset);
  const newHead = table('head').slice();
  const headView = new DataView(newHead.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, shortLoca ? 0 : 1);
  // hmtx up to the last glyph kept, the metrics of glyphs not kept zeroed (they compress away).
  const hhea = found.get('hhea')!.offset;
  const hmtx = found.get('hmtx')!.offset;
  const longMetrics = view.getUint16(hhea + 34);
  const newLong = Math.min(longMetrics, count);
  const newHmtx = new Uint8Array(newLong * 4 + (count - newLong) * 2);
  for (const gid of keep.keys()) {
    if (gid < newLong) newHmtx.set(font.subarray(hmtx + gid * 4, hmtx + gid * 4 + 4), gid * 4);
    else {
      // Past the long metrics: the last advance is shared, each glyph has its left side bearing.
      const from = gid < longMetrics ? hmtx + gid * 4 + 2 : hmtx + longMetrics * 4 + (gid - longMetrics) * 2;
      newHmtx.set(font.subarray(from, from + 2), newLong * 4 + (gid - newLong) * 2);
    }
  }
  const newHhea = table('hhea').slice();
  new DataView(newHhea.buffer).setUint16(34, newLong);
  const newMaxp = table('maxp').slice();
  new DataView(newMaxp.buffer).setUint16(4, count);

  const out: [string, Uint8Array][] = [
    ['glyf', newGlyf], ['head', newHead], ['hhea', newHhea], ['hmtx', newHmtx], ['loca', newLoca], ['maxp', newMaxp],
  ];
  // The table directory (tags in order), then each table padded to 4 bytes.
  const tableCount = out.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= tableCount) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  let total = 12 + tableCount * 16;
  for (const [, data] of out) total += (data.length + 3) & ~3;
  const file = new Uint8Array(total);
  const fileView = new DataView(file.buffer);
  fileView.setUint32(0, 0x00010000);
  fileView.setUint16(4, tableCount);
  fileView.setUint16(6, searchRange);
  fileView.setUint16(8, entrySelector);
  fileView.setUint16(10, tableCount * 16 - searchRange);
  let at = 12 + tableCount * 16;
  let headAt = 0;
  out.forEach(([tag, data], i) => {
    const record = 12 + i * 16;
    for (let k = 0; k < 4; k++) file[record + k] = tag.charCodeAt(k);
    fileView.setUint32(record + 4, checksum(data));
    fileView.setUint32(record + 8, at);
    fileView.setUint32(record + 12, data.length);
    file.set(data, at);
    if (tag === 'head') headAt = at;
    at += (data.length + 3) & ~3;
  });
  fileView.setUint32(headAt + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}
