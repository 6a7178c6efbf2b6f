// What the translation rules compare a translation with: the original's notes (by label, with the
// sections that cite them) and its section headings, read from the original's tree.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { outline } from '../model/outline.ts';
import type { OriginalEdition } from './context.ts';

export interface NoteSites {
  /** Note identifier → its label as written and the sections citing it (null: the summary). */
  notes: Map<string, { label: string; sections: Set<string | null> }>;
}

/** Every note an edition cites or defines, with the sections that cite it. */
export function noteSites(tree: Root): NoteSites['notes'] {
  const notes: NoteSites['notes'] = new Map();
  const entry = (identifier: string, label: string | null | undefined) => {
    let note = notes.get(identifier);
    if (!note) notes.set(identifier, (note = { label: label ?? identifier, sections: new Set() }));
    return note;
  };
  const { summary, sections } = outline(tree);
  const cite = (nodes: Root['children'], section: string | null) => {
    for (const root of nodes) {
      visit(root, 'footnoteReference', (node) => {
        entry(node.identifier, node.label).sections.add(section);
      });
    }
  };
  cite(summary, null);
  for (const s of sections) cite(s.body, s.id);
  for (const s of sections) cite([s.heading], s.id);
  for (const node of tree.children) if (node.type === 'footnoteDefinition') entry(node.identifier, node.label);
  return notes;
}

/** What the translation rules read of an original, as the build manifest keeps it: the maps of
 * OriginalEdition as arrays, in their order. A translation edited alone is then checked against
 * its original without parsing it again (~20 ms of a one-edit build's CPU in a fresh process). */
export interface OriginalOutline {
  /** sha256 of the original's text it was read from (SourceEdition.hash): it describes that text only. */
  text: string;
  notes: [identifier: string, label: string, sections: (string | null)[]][];
  titles: [id: string, title: string][];
}

/** What the rules read of an original: from its tree, or as the manifest kept it. */
function readOriginal(read: Root | OriginalOutline): Pick<OriginalEdition, 'notes' | 'titles'> {
  if ('type' in read) return { notes: noteSites(read), titles: new Map(outline(read).sections.map((s) => [s.id, s.title])) };
  return { notes: new Map(read.notes.map(([id, label, sections]) => [id, { label, sections: new Set(sections) }])), titles: new Map(read.titles) };
}

export function describeOriginal(read: Root | OriginalOutline, path: string, hash: string, changesSince?: OriginalEdition['changesSince']): OriginalEdition {
  return { path, hash, ...readOriginal(read), ...(changesSince ? { changesSince } : {}) };
}

/** An original as the manifest keeps it (see OriginalOutline). */
export function outlineOf(original: OriginalEdition, text: string): OriginalOutline {
  return {
    text,
    notes: [...original.notes].map(([id, { label, sections }]) => [id, label, [...sections]]),
    titles: [...original.titles],
  };
}
