// pdf-lib's FlateStream over Node's own zlib, bundled in its place by scripts/compile.js
// (scripts/shims/index.js). pdf-lib reads a file's object streams and its cross-reference stream
// through it (decodePDFRawStream), as the PDF audit does for every PDF it reads back
// (src/render/pdf/read.ts): its own FlateStream is pdf.js's inflate in JavaScript, which in a
// fresh process runs cold in V8's interpreter (~1 ms of the seed's audit; bench/pdf.ts). The
// whole stream is inflated at once, as `decode()`, the one way pdf-lib and Folio read one, asks
// for it. A stream cut short gives the bytes it holds, where pdf-lib's own gives a few wrong
// bytes or throws (test/shims.test.ts).
import { constants, inflateSync } from 'node:zlib';
import Stream from 'pdf-lib/es/core/streams/Stream.js';

export default class FlateStream extends Stream {
  constructor(stream) {
    const out = inflateSync(stream.getBytes(), { finishFlush: constants.Z_SYNC_FLUSH });
    super(new Uint8Array(out.buffer, out.byteOffset, out.length));
  }
}
