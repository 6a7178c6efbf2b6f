// Shared by the three footnote rules: the definitions and references of an edition, in order.
import type { FootnoteDefinition, FootnoteReference, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export interface FootnoteIndex {
  definitions: FootnoteDefinition[];
  references: FootnoteReference[];
}

const indexes = new WeakMap<Root, FootnoteIndex>();

export function footnoteIndex(tree: Root): FootnoteIndex {
  const known = indexes.get(tree);
  if (known) return known;
  const index: FootnoteIndex = { definitions: [], references: [] };
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') index.definitions.push(node);
    else if (node.type === 'footnoteReference') index.references.push(node);
  });
  indexes.set(tree, index);
  return index;
}
