// base64-js's interface over Node's own Buffer, bundled in its place by scripts/compile.js.
// linebreak (the PDF's line-break classes) decodes its 6 KB table from base64 when the PDF writer
// loads; base64-js does it a character at a time in JavaScript that has never run yet (~1 ms of a
// fresh process's CPU, bench/pdf.ts's profile), Buffer natively. Same bytes out, in an array of
// their own (the table is read through its buffer from offset 0).
'use strict';

/** The bytes a base64 string encodes. */
exports.toByteArray = function toByteArray(b64) {
  if (b64.length % 4 !== 0) throw new Error('Invalid string. Length must be a multiple of 4');
  return new Uint8Array(Buffer.from(b64, 'base64'));
};

/** The base64 string of `bytes`. */
exports.fromByteArray = function fromByteArray(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
};
