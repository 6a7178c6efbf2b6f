// pdf-lib, imported here once for the whole PDF writer. pdf-lib is CommonJS; the compiled bundle
// gives each ES module that imports a CommonJS package its own copy of the package's exports, a
// getter for each of its ~700 names: made once here rather than in each of nine modules, which cost
// a fresh process ~3 ms and ~0.8 MB.
export {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFPage,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  ParseSpeeds,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
