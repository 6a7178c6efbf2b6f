// Reads report.yaml or an edition as text, refusing what no editor meant to write: a file that is
// not a file, outside the sources, too large, not UTF-8, or holding control characters (which
// the Markdown parser would silently turn into U+FFFD).
import { relative } from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.ts';
import { readContained } from '../shared/files.ts';

// Tab, line feed and carriage return are text; every other C0 control, and DEL, is not.
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function readSource(file: string, sourceDir: string, maxBytes: number): { text: string } | { problem: Diagnostic } {
  const shown = displayPath(file);
  const at = (line: number, column: number, message: string, hint: string): { problem: Diagnostic } => ({
    problem: { file: shown, line, column, severity: 'error', ruleId: 'report:unsupported-node', message, hint },
  });
  const what = file.endsWith('.md') ? 'Edition' : 'report.yaml';
  const read = readContained(file, sourceDir, maxBytes, what);
  if ('problem' in read) return at(1, 1, read.problem, read.hint);
  const bytes = Buffer.from(read.data.buffer, read.data.byteOffset, read.data.byteLength);
  const text = bytes.toString('utf8');
  const reencoded = Buffer.from(text, 'utf8');
  if (!reencoded.equals(bytes)) {
    // The first byte where decoding had to substitute U+FFFD.
    let i = 0;
    while (i < bytes.length && i < reencoded.length && bytes[i] === reencoded[i]) i++;
    const { line, column } = pointOf(bytes.subarray(0, i).toString('utf8'), Number.POSITIVE_INFINITY);
    return at(line, column, `Unexpected byte 0x${bytes[i].toString(16).padStart(2, '0')}, expected UTF-8 text`,
      'save the file as UTF-8 (most editors offer it under "Save with encoding")');
  }
  const bad = control.exec(text);
  if (bad) {
    const { line, column } = pointOf(text, bad.index);
    return at(line, column, `Unexpected control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, expected text`,
      'delete the invisible character (it often comes from copying out of another program)');
  }
  return { text: text.replace(/^\uFEFF/, '') };
}

/** Line and column (1-based, in characters) of an offset of `text`. */
function pointOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lastBreak = before.lastIndexOf('\n');
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return { line, column: [...before.slice(lastBreak + 1)].length + 1 };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
