// Paths as Folio shows them in messages: relative to the working directory when inside it.
import { relative } from 'node:path';

export function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel || '.';
}
