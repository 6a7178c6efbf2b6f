// YAML read fast where it can be. `yaml` gives every node of a document with its place in the text,
// which Folio's messages need, but in a fresh process its parser runs cold: the theme, a labels
// file, report.yaml and a front matter cost ~11 ms of CPU to read with it, ~2 ms with js-yaml
// (each library bundled with V8's code cache, the four files read once in a fresh process). js-yaml
// reads a document into a flat list of events that say where each scalar is written. A document
// it reads without error, whose top level is a mapping, is taken from it, with where each top-level
// key and scalar value is written; for anything else (an error, a block scalar, an empty value, an
// anchor or tag at the top level) `quickMapping` gives undefined, and the caller reads the text
// with `yaml` as before, messages and all. test/yaml.test.ts holds both readers to the same values
// and places.
import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml';

export interface QuickMapping {
  value: Record<string, unknown>;
  /** Offset of each top-level key (of its opening quote, if quoted). */
  keys: Map<string, number>;
  /** Offset of each top-level scalar value's text (past an opening quote). */
  values: Map<string, number>;
}

/** `text` read as a mapping by js-yaml (the core schema, as `yaml` reads it by default), with no
 * more than `maxAliases` aliases; undefined when it cannot be read so, or not with every
 * top-level place as `yaml` gives it. */
export function quickMapping(text: string, maxAliases = 50): QuickMapping | undefined {
  let events: Event[];
  let value: unknown;
  try {
    events = parseEvents(text, {});
    const documents = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases });
    if (documents.length !== 1) return undefined;
    value = documents[0];
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const mapping = value as Record<string, unknown>;
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  // The events: the document, the top-level mapping, then its keys and values in turn (a value
  // that is a collection spans the events up to its closing pop), then two pops.
  if (events[0]?.type !== EVENT_ID.DOCUMENT || events[1]?.type !== EVENT_ID.MAPPING) return undefined;
  let key: string | undefined;
  let depth = 0;
  for (let i = 2; i < events.length; i++) {
    const event = events[i]!;
    if (depth > 0) {
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) depth++;
      else if (event.type === EVENT_ID.POP) depth--;
      continue;
    }
    if (event.type === EVENT_ID.POP) break;
    if (key === undefined) {
      // A key: a scalar with neither anchor nor tag, decoded as the mapping holds it.
      if (event.type !== EVENT_ID.SCALAR || event.anchorStart >= 0 || event.tagStart >= 0) return undefined;
      key = getScalarValue(text, event);
      if (!Object.hasOwn(mapping, key) || keys.has(key)) return undefined;
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      keys.set(key, event.valueStart - (quoted ? 1 : 0));
      continue;
    }
    if (event.type === EVENT_ID.SCALAR) {
      if (event.anchorStart >= 0 || event.tagStart >= 0) return undefined;
      // A block scalar's place is its header's in `yaml`, and an empty value's the next line's:
      // the events give neither.
      if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK || event.valueStart < 0) return undefined;
      values.set(key, event.valueStart);
    } else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      depth = 1;
    }
    key = undefined;
  }
  return keys.size === Object.keys(mapping).length ? { value: mapping, keys, values } : undefined;
}

/** The 1-based line and column of a character offset in `text` (as `yaml`'s LineCounter gives). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    start = at + 1;
  }
  return { line, column: offset - start + 1 };
}
