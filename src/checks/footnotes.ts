// Shared by the footnote rules: the definitions and references of an edition, in order, and for
// each reference the note it sits in (null in the text itself).
import type { FootnoteDefinition, FootnoteReference, Nodes, Root } from 'mdast';

export interface FootnoteIndex {
  definitions: FootnoteDefinition[];
  references: FootnoteReference[];
  /** The identifier of the note each reference sits in, or null for the text itself. */
  within: Map<FootnoteReference, string | null>;
}

const indexes = new WeakMap<Root, FootnoteIndex>();

export function footnoteIndex(tree: Root): FootnoteIndex {
  const known = indexes.get(tree);
  if (known) return known;
  const index: FootnoteIndex = { definitions: [], references: [], within: new Map() };
  // Without recursion, in document order, carrying the enclosing note.
  const stack: [Nodes, string | null][] = [[tree, null]];
  while (stack.length > 0) {
    const [node, note] = stack.pop()!;
    let inside = note;
    if (node.type === 'footnoteDefinition') {
      index.definitions.push(node);
      inside = node.identifier;
    } else if (node.type === 'footnoteReference') {
      index.references.push(node);
      index.within.set(node, note);
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, inside]);
  }
  indexes.set(tree, index);
  return index;
}

/** Identifiers of the notes a reader reaches: cited from the text, or from a note that is. */
export function reachableNotes(tree: Root): Set<string> {
  const { references, within } = footnoteIndex(tree);
  const citedFrom = new Map<string | null, string[]>();
  for (const ref of references) {
    const from = within.get(ref) ?? null;
    const list = citedFrom.get(from);
    if (list) list.push(ref.identifier);
    else citedFrom.set(from, [ref.identifier]);
  }
  const reached = new Set<string>();
  const queue = [...(citedFrom.get(null) ?? [])];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of citedFrom.get(id) ?? []) queue.push(next);
  }
  return reached;
}
