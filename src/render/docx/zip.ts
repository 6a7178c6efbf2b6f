// The DOCX package's zip, written and read with Node's zlib (native deflate and inflate, several
// times faster than fflate's JavaScript, which was most of a DOCX's cost in an incremental build).
// Its deflate gives the same bytes on machines alike, not on every machine: see deflated() in
// src/render/pdf/operators.ts.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** A zip of `entries`, each deflated by Node's zlib (native: several times faster than fflate's
 * JavaScript deflate, which was most of a DOCX's cost in an incremental build). fflate's zipSync
 * cannot take data already deflated and its streaming Zip writes data descriptors, so the
 * container (local headers, central directory, end record; no descriptors, no extra fields) is
 * written here: the layout zipSync wrote, which Word and LibreOffice open. */
export function zipParts(entries: readonly (readonly [string, Uint8Array])[], mtime: Date): Uint8Array {
  const dosTime = ((mtime.getFullYear() - 1980) << 25) | ((mtime.getMonth() + 1) << 21) | (mtime.getDate() << 16) |
    (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 6 });
    // A part deflate cannot shrink (an image) is stored, as zip tools do.
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    // Bit 11: the name is UTF-8 (only set when it is not plain ASCII, as zipSync did).
    header.writeUInt16LE(fileName.length !== name.length ? 0x800 : 0, 6);
    header.writeUInt16LE(stored ? 0 : 8, 8);
    header.writeUInt32LE(dosTime >>> 0, 10);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    header.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: version 2.0, MS-DOS attributes
    header.copy(entry, 6, 4, 30); // version needed … name length, extra length: as the local header
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    chunks.push(header, fileName, body);
    offset += 30 + fileName.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...chunks, directory, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The entries of a zip whose names `want` accepts, inflated by Node's zlib and checked against
 * their CRC. Reads what zipParts writes (and any zip without zip64 or encryption); used by the
 * output audit, so a package it cannot read is an error, never a silent pass. */
export function unzipParts(zip: Uint8Array, want: (name: string) => boolean): Map<string, Buffer> {
  const data = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = data.length - 22;
  // The end record is last, after a comment of at most 65,535 bytes.
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) {
    if (data.length - end > 22 + 0xffff) break;
    end--;
  }
  if (end < 0 || data.readUInt32LE(end) !== 0x06054b50) throw new Error('not a zip package: no end of central directory');
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error('broken zip package: bad central directory entry');
    const method = data.readUInt16LE(at + 10);
    const crc = data.readUInt32LE(at + 16);
    const compressed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (!want(name)) continue;
    if (data.readUInt32LE(local) !== 0x04034b50) throw new Error(`broken zip package: no local header for ${name}`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const body = data.subarray(start, start + compressed);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} uses compression method ${method}`);
    const bytes = method === 8 ? inflateRawSync(body) : body;
    if (bytes.length !== size || crc32(bytes) !== crc) throw new Error(`broken zip package: ${name} does not match its checksum`);
    parts.set(name, bytes);
  }
  return parts;
}
