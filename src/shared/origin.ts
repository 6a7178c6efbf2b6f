// Where text that is not an edition's Markdown was written: a label of templates/labels/<lang>.yaml,
// a field of report.yaml or of the front matter, and the values filled into a label. A writer that
// finds a problem with such a text (a character no font has) reports it there, not in the edition.

/** A point in a source file, as messages show it. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** Where each stretch of a text was written: characters start..end-1 begin at `at`. */
export type TextOrigin = { start: number; end: number; at: Place }[];

/** The whole of `text` written at one place. */
export function wholeAt(text: string, at: Place | undefined): TextOrigin {
  return at ? [{ start: 0, end: text.length, at }] : [];
}

/** The place of the character at `offset` of `text`, or undefined when its origin is unknown. A
 * line break inside the stretch moves to the next line (a folded YAML value). */
export function placeAt(origin: TextOrigin | undefined, text: string, offset: number): Place | undefined {
  const part = origin?.find((p) => offset >= p.start && offset < p.end);
  if (!part) return undefined;
  const before = text.slice(part.start, offset);
  const breaks = before.split('\n').length - 1;
  if (breaks === 0) return { ...part.at, column: part.at.column + offset - part.start };
  return { file: part.at.file, line: part.at.line + breaks, column: offset - part.start - before.lastIndexOf('\n') };
}
