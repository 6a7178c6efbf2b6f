// pako's deflate and inflate over Node's own zlib, bundled in its place by scripts/compile.js
// (scripts/shims/index.js). pdf-lib compresses its object streams and cross-reference stream with
// pako.deflate (PDFFlateStream, PDFContext.flateStream): zlib in JavaScript that, in a fresh
// process, runs cold in V8's interpreter, ~8 ms of CPU for the seed's PDF, where native deflate
// takes well under one. At pako's default level, 6, which Folio's own streams use too
// (src/render/pdf/operators.ts, which says where Node's zlib gives other bytes than zlib's own).
// The other packages bundled with pako use it as pdf-lib's PNG encoder does (deflate with a level)
// and its standard fonts' tables do (inflate); any other option fails loudly.
'use strict';
const { deflateSync, inflateSync } = require('node:zlib');

const asBytes = (out) => new Uint8Array(out.buffer, out.byteOffset, out.length);

function only(options, allowed) {
  for (const key of Object.keys(options ?? {})) {
    if (!allowed.includes(key)) throw new Error(`Folio's pako stand-in does not take the option ${key} (scripts/shims/pako.cjs)`);
  }
}

/** pako.deflate: zlib-wrapped DEFLATE of `data`, as a Uint8Array. */
function deflate(data, options) {
  only(options, ['level']);
  const level = options?.level ?? 6;
  return asBytes(deflateSync(data, { level: level === -1 ? 6 : level }));
}

/** pako.inflate: the bytes a zlib-wrapped DEFLATE stream holds, as a Uint8Array. */
function inflate(data, options) {
  only(options, []);
  return asBytes(inflateSync(data));
}

module.exports = { deflate, inflate };
module.exports.default = module.exports;
