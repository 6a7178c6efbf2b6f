// In a right-to-left edition every run is marked right-to-left except stretches of left-to-right
// script (a Latin name, an acronym), as Word itself splits them: a Latin word in a w:rtl run
// would take the Arabic face and be reordered with its neighbours.

const ltrStretch =
  /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}](?:[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}\s.,:;'’&/-]*[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}])?/gu;

export interface DirectedText {
  text: string;
  rtl: boolean;
}

/** Splits text into right-to-left runs and the left-to-right stretches inside them. */
export function splitByDirection(text: string): DirectedText[] {
  const parts: DirectedText[] = [];
  let last = 0;
  for (const match of text.matchAll(ltrStretch)) {
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start), rtl: true });
    parts.push({ text: match[0], rtl: false });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), rtl: true });
  return parts;
}

export { hasRtlScript } from '../../model/direction.ts';
