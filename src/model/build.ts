// Builds the typed Report of one checked edition. This is the only place that knows about
// Markdown's indirections: link and image references become plain links and images, footnote
// references get their number and anchor, subheadings get unique ids.
import { createHash } from 'node:crypto';
import type { Definition, FootnoteDefinition, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
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
}

export function buildReport(input: EditionInput): Report {
  const { tree, plan } = input;
  dropComments(tree);
  nameHeadings(tree);
  resolveReferences(tree);
  const footnotes = numberFootnotes(tree);
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
    },
    lang,
    dir: directionOf(lang),
    isOriginal: lang === plan.original,
    countryName: input.frontmatter.country ?? plan.country,
    sourcePath: input.sourcePath,
    contentHash: createHash('sha256').update(input.source).digest('hex'),
    ...(input.frontmatter['source-hash'] ? { sourceHash: input.frontmatter['source-hash'] } : {}),
    summary: summaryBlocks,
    summaryText: plainText(summaryBlocks),
    sections: modelSections,
    footnotes,
    editions: [],
  };
}

/** HTML comments are notes for translators and editors (the checks refuse any other HTML): no
 * writer ever sees them. */
function dropComments(tree: Root): void {
  visit(tree, 'html', (node, index, parent) => {
    if (!parent || index === undefined || !isComment(node.value)) return undefined;
    parent.children.splice(index, 1);
    return index;
  });
}

/** Link and image references become links and images; definitions leave the tree. */
function resolveReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition') definitions.set(node.identifier, node);
  visit(tree, (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (node.type === 'linkReference') {
      const definition = definitions.get(node.identifier);
      const replacement: Nodes = definition
        ? { type: 'link', url: definition.url, title: definition.title, children: node.children, position: node.position }
        : { type: 'text', value: `[${toString(node)}]`, position: node.position };
      (parent.children as Nodes[])[index] = replacement;
    } else if (node.type === 'imageReference') {
      const definition = definitions.get(node.identifier);
      const replacement: Nodes = definition
        ? { type: 'image', url: definition.url, title: definition.title, alt: node.alt, position: node.position }
        : { type: 'text', value: node.alt ?? '', position: node.position };
      (parent.children as Nodes[])[index] = replacement;
    }
    return undefined;
  });
}

/** Numbers notes in order of first reference and gives every reference site its anchor. */
function numberFootnotes(tree: Root): Footnote[] {
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of tree.children) {
    if (node.type === 'footnoteDefinition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  }
  const notes = new Map<string, Footnote>();
  const { summary, sections } = outline(tree);
  const walk = (nodes: RootContent[], sectionId: string | null) => {
    for (const root of nodes) {
      visit(root, (node) => {
        if (node.type === 'footnoteDefinition') return SKIP;
        if (node.type !== 'footnoteReference') return undefined;
        const definition = definitions.get(node.identifier);
        if (!definition) return undefined;
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
        node.data = { ...node.data, number: note.number, refId };
        return undefined;
      });
    }
  };
  walk(summary, null);
  for (const section of sections) walk(section.body, section.id);
  const list = [...notes.values()];
  for (const note of list) {
    // References inside notes (rare) are numbered too, after the text's.
    walk(note.blocks, null);
    note.text = plainText(note.blocks, ' ');
  }
  return list;
}

/** Every heading below level 2 carries its anchor id (src/model/ids.ts decides them). */
function nameHeadings(tree: Root): void {
  for (const [heading, id] of headingIds(tree).byHeading) {
    if (heading.depth > 2) heading.data = { ...heading.data, id };
  }
}
