// tiny-inflate's interface over Node's own zlib, bundled in its place by scripts/compile.js.
// unicode-trie (through linebreak, for the PDF's line-break classes) inflates its tables when the
// PDF writer loads; tiny-inflate does it in JavaScript that has never run yet, which cost a fresh
// process ~10 ms of CPU for what native inflate does in well under one. Same bytes out.
'use strict';
const { inflateRawSync } = require('node:zlib');

/** Inflates a raw DEFLATE stream into `dest`; returns `dest`, or its filled start if shorter. */
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source, { maxOutputLength: dest.length });
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
