// How `npm run fuzz` (scripts/fuzz.ts) shrinks a failure once fast-check has shrunk it through the
// generator: which failures are the same one, which format to write while shrinking, and a
// delta-debugging pass over the text's lines and words.
import type { Format } from '../../src/render/types.ts';
import type { Verdict } from './validate.ts';

export type Result = Verdict | { kind: 'hang'; detail: string };
export type Failure = Exclude<Result, { kind: 'ok' }>;

/** What makes two failures the same one: their kind and the first line of their message, with
 * numbers, positions and quoted text left out (a smaller case moves them). */
export function signature(result: Result): string {
  if (result.kind === 'ok') return 'ok';
  if (result.kind === 'hang') return 'hang';
  const first = result.detail.split('\n')[0]!;
  return `${result.kind} ${first.replace(/"[^"]*"|“[^”]*”|«[^»]*»|`[^`]*`/g, '"…"').replace(/\d+/g, '#')}`;
}

/** The one format an invalid output was found in (its message starts with it): shrinking writes
 * only that format, several times faster than all four. */
export function formatsOf(result: Failure): readonly Format[] | undefined {
  if (result.kind !== 'invalid') return undefined;
  const format = /^(html|pdf|docx|json)\b/.exec(result.detail)?.[1];
  return format ? [format as Format] : undefined;
}

/** Zeller's ddmin over a list of units (lines, then words): removes ever smaller chunks while the
 * failure stays, until no single unit can go or time is up. Written here because fast-check
 * shrinks the values it generates, not a text it is given, and npm has no maintained
 * delta-debugging package. */
export async function ddmin<T>(units: T[], fails: (units: T[]) => Promise<boolean>, deadline: number): Promise<T[]> {
  let chunks = 2;
  while (units.length >= 2 && performance.now() < deadline) {
    const size = Math.ceil(units.length / chunks);
    let reduced = false;
    for (let start = 0; start < units.length && performance.now() < deadline; start += size) {
      const rest = [...units.slice(0, start), ...units.slice(start + size)];
      if (await fails(rest)) {
        units = rest;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (chunks >= units.length) break;
      chunks = Math.min(units.length, chunks * 2);
    }
  }
  return units;
}
