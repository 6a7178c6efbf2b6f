// Anchor ids of an edition's headings, decided in one place for the link check, the model and so
// every writer: a section keeps its id (explicit `{#id}` or slug); a subheading (level 3 and below,
// at any depth) gets its explicit id or the slug of its text, made unique against the section ids,
// the ids a publication prints itself (contents, notes, fn-1, fnref-1) and earlier subheadings, in
// document order: the second "### Details" is `details-1`, as GitHub and the HTML name it.
import type { Heading, Nodes, Root } from 'mdast';
import { slug } from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { outline } from './outline.ts';

/** Ids every publication prints itself, which no heading may take. */
export const reservedIds: readonly string[] = ['contents', 'notes', 'top', 'main'];
const reservedPattern = /^(fn|fnref)-\d/;

export interface HeadingIds {
  /** Every heading (sections and subheadings) and its id. */
  byHeading: Map<Heading, string>;
  /** Every id a link inside the edition may target. */
  targets: Set<string>;
}

const cache = new WeakMap<Root, HeadingIds>();

export function headingIds(tree: Root): HeadingIds {
  const known = cache.get(tree);
  if (known) return known;
  const byHeading = new Map<Heading, string>();
  const used = new Set<string>(reservedIds);
  // The next number to try for each base: a thousand "### Details" cost a thousand steps, not
  // half a million.
  const next = new Map<string, number>();
  const unique = (base: string): string => {
    if (!used.has(base)) return base;
    let n = next.get(base) ?? 1;
    while (used.has(`${base}-${n}`)) n += 1;
    next.set(base, n + 1);
    return `${base}-${n}`;
  };
  for (const section of outline(tree).sections) {
    byHeading.set(section.heading, section.id);
    used.add(section.id);
    // The web page names each section's own heading `<id>-title`.
    used.add(`${section.id}-title`);
  }
  // Document order, without recursion (hostile nesting must not overflow the stack).
  const stack: Nodes[] = [...tree.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'heading' && !byHeading.has(node)) {
      let base = node.data?.id ?? slug(toString(node));
      if (base === '' || reservedPattern.test(base)) base = `h-${base || 'heading'}`;
      const id = unique(base);
      used.add(id);
      byHeading.set(node, id);
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  const targets = new Set<string>([...reservedIds.slice(0, 2), ...byHeading.values()]);
  const result = { byHeading, targets };
  cache.set(tree, result);
  return result;
}
