// Fills the `{name}` placeholders of a label ("Page {page} of {pages}"). A placeholder with no
// value stays as written, so a missing value shows rather than vanishing.
import type { Place, TextOrigin } from './origin.ts';

const placeholder = /\{([a-z-]+)\}/g;

export function label(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(placeholder, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}

/** A label filled as `label` fills it, with where each stretch of the result was written: the
 * template's words where the template's origin puts them, each value where its own place says
 * (report.yaml's `country:`, say). A value of unknown place keeps no origin. */
export function labelWithOrigin(
  template: string,
  values: Readonly<Record<string, string | number>>,
  origin: TextOrigin | undefined,
  places: Readonly<Record<string, Place | undefined>> = {},
): { text: string; origin: TextOrigin } {
  let text = '';
  const out: TextOrigin = [];
  // Template characters from..to, moved to where they now start in the filled text.
  const keep = (from: number, to: number) => {
    for (const part of origin ?? []) {
      const start = Math.max(part.start, from);
      const end = Math.min(part.end, to);
      if (start >= end) continue;
      const at = { ...part.at, column: part.at.column + start - part.start };
      out.push({ start: text.length + start - from, end: text.length + end - from, at });
    }
    text += template.slice(from, to);
  };
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    const value = values[match[1]!];
    if (value === undefined) continue;
    keep(last, match.index);
    const filled = String(value);
    const at = places[match[1]!];
    if (at && filled.length > 0) out.push({ start: text.length, end: text.length + filled.length, at });
    text += filled;
    last = match.index + match[0].length;
  }
  keep(last, template.length);
  return { text, origin: out };
}

/** A date in words, as an edition's labels write it ("27 March 2023", "2023 жылғы 27 наурыз"):
 * the UTC day, so every time zone prints the same. */
export function dateInWords(date: Date, labels: { date: string; months: readonly string[]; dayOne?: string }): string {
  const day = date.getUTCDate();
  return label(labels.date, {
    day: day === 1 && labels.dayOne ? labels.dayOne : day,
    month: labels.months[date.getUTCMonth()]!,
    year: date.getUTCFullYear(),
  });
}

/** The accessible name of a note's back-link to one of its references: to the text, or, for a
 * reference written in another note (`inNote`, that note's number), to that note. */
export function backLinkName(labels: { backToReference: string; backToNoteReference?: string }, number: number, inNote?: number): string {
  if (inNote !== undefined && labels.backToNoteReference) return label(labels.backToNoteReference, { number, note: inNote });
  return label(labels.backToReference, { number });
}

/** What is printed between two note references written one right after the other: the
 * language's `note-separator`, else a comma. */
export function noteSeparator(labels: { noteSeparator?: string | number }): string {
  return labels.noteSeparator === undefined || labels.noteSeparator === null ? ',' : String(labels.noteSeparator);
}
