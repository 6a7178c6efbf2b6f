// Where a YAML mapping's values are written: a message about one character of a value (a label, a
// report's country) points at it in its file.
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import { lineColumn } from './yaml.ts';

export type Places = Record<string, { line: number; column: number }>;

/** Where each top-level scalar value of `doc` starts (past an opening quote), by its key as `name`
 * gives it; `lineCounter` is the one `doc` was parsed with. */
export function valuePlaces(doc: Document, lineCounter: LineCounter, name: (key: string) => string = (key) => key): Places {
  const places: Places = {};
  if (!isMap(doc.contents)) return places;
  for (const pair of doc.contents.items) {
    const value = pair.value;
    if (!isScalar(pair.key) || !isScalar(value) || !value.range) continue;
    const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE' ? 1 : 0;
    const { line, col } = lineCounter.linePos(value.range[0] + quoted);
    places[name(String(pair.key.value))] = { line, column: col };
  }
  return places;
}

/** The same from the fast reader's offsets (src/shared/yaml.ts: quickMapping's `values`) in `text`. */
export function offsetPlaces(text: string, offsets: ReadonlyMap<string, number>, name: (key: string) => string = (key) => key): Places {
  const places: Places = {};
  for (const [key, offset] of offsets) places[name(key)] = lineColumn(text, offset);
  return places;
}
