// Builds the typed Report of one checked edition. This is the only place that knows about
// Markdown's indirections: link and image references become plain links and images, footnote
// references get their number and anchor, subheadings get unique ids.
import { createHash } from 'node:crypto';
import type { Definition, FootnoteDefinition, Nodes, Parent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isComment } from './comments.ts';
import { directionOf } from './direction.ts';
import { headingIds } from './ids.ts';
import { outline } from './outline.ts';
import { plainText } from './text.ts';
import type { Block, Footnote, FrontMatter, Report, ReportPlan, Section } from './types.ts';

export interface EditionInput {
  slug: string;
  lang: string;
  sourcePath: string;
  source: string;
  tree: Root;
  frontmatter: FrontMatter;
  plan: ReportPlan;
  /** Where front matter values start in the edition (the title's, for messages about it). */
  places?: Record<string, { line: number; column: number }>;
  /** report.yaml's path and where its values start, for messages about the country's name. */
  planPlaces?: { file: string; places?: Record<string, { line: number; column: number }> };
}

export function buildReport(input: EditionInput): Report {
  const { tree, plan } = input;
  const definitions = definitionsOf(tree);
  normalise(tree, definitions.links);
  // A note defined inside a quote has left the tree with its definition: normalise it too.
  for (const note of definitions.notes.values()) normalise(note, definitions.links);
  nameHeadings(tree);
  const footnotes = numberFootnotes(tree, definitions.notes);
  const { summary, sections } = outline(tree);
  const modelSections: Section[] = sections.map((s) => {
    const blocks = s.body as Block[];
    return {
      id: s.id,
      title: s.heading.children,
      titleText: toString(s.heading),
      blocks,
      text: plainText(blocks),
      line: s.heading.position?.start.line ?? 0,
    };
  });
  const summaryBlocks = summary as Block[];
  const lang = input.lang;
  return {
    meta: {
      slug: input.slug,
      title: input.frontmatter.title ?? input.slug,
      type: plan.type,
      country: plan.country,
      year: plan.year,
      region: plan.region,
      original: plan.original,
      sections: [...plan.sections],
      ...(plan.date ? { date: plan.date } : {}),
    },
    lang,
    dir: directionOf(lang),
    isOriginal: lang === plan.original,
    countryName: input.frontmatter.country ?? plan.country,
    sourcePath: input.sourcePath,
    places: valuePlaces(input),
    contentHash: createHash('sha256').update(input.source).digest('hex'),
    ...(input.frontmatter['source-hash'] ? { sourceHash: input.frontmatter['source-hash'] } : {}),
    summary: summaryBlocks,
    summaryText: plainText(summaryBlocks),
    sections: modelSections,
    footnotes,
    editions: [],
  };
}

/** Where the title, the country's name and the region are written: the country in the front
 * matter when the edition names it there, else in report.yaml. */
function valuePlaces(input: EditionInput): Report['places'] {
  const inEdition = (key: string) => input.places?.[key] && { file: input.sourcePath, ...input.places[key] };
  const inPlan = (key: string) => input.planPlaces?.places?.[key] && { file: input.planPlaces.file, ...input.planPlaces.places[key] };
  const title = input.frontmatter.title !== undefined ? inEdition('title') : undefined;
  const country = input.frontmatter.country !== undefined ? inEdition('country') : inPlan('country');
  const region = inPlan('region');
  return { ...(title ? { title } : {}), ...(country ? { country } : {}), ...(region ? { region } : {}) };
}

/** The first definition of every label, wherever it stands: CommonMark and GFM let a link
 * reference definition or a note sit inside a list item or a block quote and still apply to the
 * whole document. The checks resolve references through this too, so they see what the model does. */
export function definitionsOf(tree: Root): { links: Map<string, Definition>; notes: Map<string, FootnoteDefinition> } {
  const links = new Map<string, Definition>();
  const notes = new Map<string, FootnoteDefinition>();
  eachNode(tree, (node) => {
    if (node.type === 'definition' && !links.has(node.identifier)) links.set(node.identifier, node);
    else if (node.type === 'footnoteDefinition' && !notes.has(node.identifier)) notes.set(node.identifier, node);
  });
  return { links, notes };
}

/** Every node of the tree in document order, without recursion. */
function eachNode(tree: Nodes, visit: (node: Nodes, parent: Parent | undefined) => void): void {
  const stack: [Nodes, Parent | undefined][] = [[tree, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    visit(node, parent);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as Nodes, node]);
  }
}

/** What no writer sets leaves the tree or takes a form writers know: link and image references
 * become links and images, definitions leave the tree at any depth (notes are kept apart by
 * numberFootnotes), HTML comments leave it, and a level-2 heading inside a quote or list, which is no section, becomes a
 * level-3 subheading. */
function normalise(tree: Nodes, definitions: Map<string, Definition>): void {
  eachNode(tree, (node, parent) => {
    if (!('children' in node)) return;
    const children = node.children as Nodes[];
    let write = 0;
    for (const child of children) {
      // HTML comments are notes for translators and editors (the checks refuse any other HTML).
      if (child.type === 'html' && isComment(child.value)) continue;
      if (child.type === 'definition' || child.type === 'footnoteDefinition' || child.type === 'yaml') {
        // Notes are collected before this runs; they live in the model's footnotes.
        if (node.type === 'root') children[write++] = child;
        continue;
      }
      children[write++] = resolve(child, definitions);
    }
    children.length = write;
    if (node.type === 'heading' && node.depth <= 2 && parent && parent.type !== 'root') node.depth = 3;
  });
}

function resolve(node: Nodes, definitions: Map<string, Definition>): Nodes {
  if (node.type === 'linkReference') {
    const definition = definitions.get(node.identifier);
    return definition
      ? { type: 'link', url: definition.url, title: definition.title, children: node.children, position: node.position }
      : { type: 'text', value: `[${toString(node)}]`, position: node.position };
  }
  if (node.type === 'imageReference') {
    const definition = definitions.get(node.identifier);
    return definition
      ? { type: 'image', url: definition.url, title: definition.title, alt: node.alt, position: node.position }
      : { type: 'text', value: node.alt ?? '', position: node.position };
  }
  return node;
}

/** Numbers notes in order of first reference (a section's heading before its text) and gives
 * every reference site its anchor. */
function numberFootnotes(tree: Root, definitions: Map<string, FootnoteDefinition>): Footnote[] {
  const notes = new Map<string, Footnote>();
  // References written one right after another, each after the first.
  const follows = new Set<Nodes>();
  const { summary, sections } = outline(tree);
  const walk = (nodes: readonly Nodes[], sectionId: string | null) => {
    const stack = [...nodes].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'footnoteDefinition') continue;
      if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i--) {
          const child = node.children[i] as Nodes;
          if (child.type === 'footnoteReference' && node.children[i - 1]?.type === 'footnoteReference') follows.add(child);
          stack.push(child);
        }
      }
      if (node.type !== 'footnoteReference') continue;
      const definition = definitions.get(node.identifier);
      if (!definition) continue;
      let note = notes.get(node.identifier);
      if (!note) {
        const number = notes.size + 1;
        note = {
          identifier: node.identifier,
          number,
          id: `fn-${number}`,
          blocks: definition.children as Block[],
          text: '',
          references: [],
        };
        notes.set(node.identifier, note);
      }
      const refId = note.references.length === 0 ? `fnref-${note.number}` : `fnref-${note.number}-${note.references.length + 1}`;
      note.references.push({ refId, sectionId });
      node.data = { ...node.data, number: note.number, refId, ...(follows.has(node) ? { follows: true } : {}) };
    }
  };
  walk(summary, null);
  for (const section of sections) walk([section.heading, ...section.body], section.id);
  // References inside notes (rare) are numbered too, after the text's, in the order the notes are
  // read; a note cited only from another note gets its number here.
  for (let i = 0; i < notes.size; i++) {
    const note = [...notes.values()][i];
    walk(note.blocks, null);
  }
  const list = [...notes.values()];
  for (const note of list) note.text = plainText(note.blocks, ' ');
  return list;
}

/** Every heading below level 2 carries its anchor id (src/model/ids.ts decides them). */
function nameHeadings(tree: Root): void {
  for (const [heading, id] of headingIds(tree).byHeading) {
    if (heading.depth > 2) heading.data = { ...heading.data, id };
  }
}
