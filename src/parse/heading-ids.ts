// Headings may end in an explicit id, `## Background {#background}`, which CommonMark does not
// know. This strips the marker from the heading's text and keeps the id in `data.id`.
import type { Heading, Root } from 'mdast';

const marker = /\s*\{#([A-Za-z][\w-]*)\}\s*$/;

export function explicitId(heading: Heading): string | undefined {
  return heading.data?.id;
}

export function headingIds(tree: Root): void {
  // Headings are only ever children of the root, of block quotes or of list items; a sections'
  // heading is always at the root, and ids elsewhere are read from the same marker.
  const stack: { children?: unknown[] }[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) {
      if (child.type === 'heading') applyMarker(child as unknown as Heading);
      else if (child.type === 'blockquote' || child.type === 'list' || child.type === 'listItem') stack.push(child);
    }
  }
}

function applyMarker(heading: Heading): void {
  const last = heading.children.at(-1);
  if (!last || last.type !== 'text') return;
  const match = marker.exec(last.value);
  if (!match) return;
  last.value = last.value.slice(0, match.index);
  if (last.value === '') heading.children.pop();
  heading.data = { ...heading.data, id: match[1] };
}
