// The outline of an edition: the summary (everything before the first level-2 heading) and the
// sections, each a level-2 heading and the blocks up to the next. Computed once per tree and shared
// by the checks and the model builder.
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slug } from 'github-slugger';
import { isComment } from './comments.ts';

export interface OutlineSection {
  id: string;
  heading: Heading;
  title: string;
  /** Content nodes between this heading and the next level-2 heading. */
  body: RootContent[];
}

export interface Outline {
  /** Content before the first level-2 heading (front matter and definitions excluded). */
  summary: RootContent[];
  sections: OutlineSection[];
}

/** A section's id: its explicit `{#id}`, else the slug of its heading text. */
export function sectionId(heading: Heading): string {
  return heading.data?.id ?? slug(toString(heading));
}

const outlines = new WeakMap<Root, Outline>();

export function outline(tree: Root): Outline {
  const known = outlines.get(tree);
  if (known) return known;
  const result: Outline = { summary: [], sections: [] };
  for (const node of tree.children) {
    if (node.type === 'yaml' || node.type === 'definition' || node.type === 'footnoteDefinition') continue;
    // A comment is no content: a section holding only the original's text, commented out for the
    // translator, is still empty.
    if (node.type === 'html' && isComment(node.value)) continue;
    if (node.type === 'heading' && node.depth === 2) {
      result.sections.push({ id: sectionId(node), heading: node, title: toString(node), body: [] });
    } else if (result.sections.length > 0) {
      result.sections.at(-1)!.body.push(node);
    } else {
      result.summary.push(node);
    }
  }
  outlines.set(tree, result);
  return result;
}
