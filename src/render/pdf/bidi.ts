// The bidi stage of paragraph setting (Unicode bidi algorithm, `bidi-js`): embedding levels of a
// paragraph's text before it is shaped, and the visual order of each line once it is broken.
import bidiFactory from 'bidi-js';
import { hasRtlScript } from '../../model/direction.ts';

let bidi: ReturnType<typeof bidiFactory> | undefined;

/** The embedding level of each UTF-16 unit of `text`, or null for text that is left to right
 * throughout (no levels needed). */
export function embeddingLevels(text: string, rtl: boolean): Uint8Array | null {
  if (!rtl && !hasRtlScript(text)) return null;
  bidi ??= bidiFactory();
  return bidi.getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr').levels;
}

/** Reorders a line's elements for display (Unicode bidi rule L2, at the level of whole pieces:
 * each piece was shaped in its own direction). Linear in the line's length for each level. */
export function visualOrder<T>(elements: T[], levelOf: (e: T) => number): T[] {
  const order = elements.slice();
  const lv = order.map(levelOf);
  let max = 0;
  for (const l of lv) if (l > max) max = l;
  for (let level = max; level >= 1; level--) {
    for (let i = 0; i < order.length; ) {
      if (lv[i]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && lv[j]! >= level) j++;
      reverse(order, i, j);
      reverse(lv, i, j);
      i = j;
    }
  }
  return order;
}

function reverse<T>(list: T[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) {
    const t = list[a]!;
    list[a] = list[b]!;
    list[b] = t;
  }
}

/** The characters of a line in display order (left to right as drawn), from its text in logical
 * order: what poppler expects as a line's ActualText (it runs its own bidi pass over it, and does
 * not mirror characters back, so they stay unmirrored). */
export function displayText(logical: string, rtl: boolean): string {
  bidi ??= bidiFactory();
  const order = bidi.getReorderedIndices(logical, bidi.getEmbeddingLevels(logical, rtl ? 'rtl' : 'ltr'));
  return order.map((i) => logical[i]).join('');
}
