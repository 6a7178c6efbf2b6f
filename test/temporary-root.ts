// One temporary directory for a whole run of the tests or of `npm run fuzz`. Tests make hundreds of
// scratch projects and outputs (mkdtemp under os.tmpdir()), and many of them hand those to a Folio
// command, pdftotext, Chromium or LibreOffice: rather than each test removing its own, the run
// points TMPDIR at a directory of its own before any test file, worker thread or child process
// starts (each inherits the variable, and os.tmpdir() reads it at every call), and removes that
// directory at the end. A run stopped half-way leaves one directory behind, named for what made it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Points TMPDIR at a new directory; returns the function that removes it. */
export function temporaryRoot(prefix: string): () => void {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
