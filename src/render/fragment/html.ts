// Model content → hast, through mdast-util-to-hast (the engine of remark-rehype) with Folio's
// handlers for what the model adds: numbered note references with their anchors, subheading ids,
// and links that can never carry script.
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast';
import type { Nodes } from 'mdast';
import { defaultHandlers, toHast, type State } from 'mdast-util-to-hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { inlineDirection } from '../../model/direction.ts';
import { foreignLanguage, languageStretches, type Foreign } from '../../model/language.ts';
import type { Block, Direction, Inline } from '../../model/types.ts';
import { label, noteSeparator } from '../../shared/label.ts';
import { isSafeUrl, targetOf } from '../../shared/url.ts';
import { loadImage } from '../../shared/images.ts';

export interface HtmlOptions {
  /** Accessible name of a note reference, with `{number}`. */
  noteReference: string;
  /** Printed between note references written one right after the other. */
  noteSeparator: string;
  /** Accessible name of the frame a table scrolls in, with `{number}`. */
  table: string;
  /** Tables met so far on the page (its fragments are made in reading order). */
  tables: { count: number };
  /** Directory of the edition's source, where its images are. */
  sourceDir: string;
  /** The edition's direction: a block written wholly in the other direction's scripts reads in its own. */
  dir: Direction;
  /** The language of text in another script than the edition's (src/model/language.ts). */
  foreign: Foreign;
}

/** The options of one page's (or one data file's) fragments: its labels' names, and a count of
 * its tables from zero. */
export function htmlOptions(labels: { noteReference: string; noteSeparator?: string; table: string }, sourceDir: string, edition: { dir: Direction; lang: string }): HtmlOptions {
  return { noteReference: labels.noteReference, noteSeparator: noteSeparator(labels), table: labels.table, tables: { count: 0 }, sourceDir, dir: edition.dir, foreign: foreignLanguage(edition.lang) };
}

const stringifier = unified().use(rehypeStringify, { upperDoctype: true, characterReferences: { useNamedReferences: false } });

export function toHastNodes(nodes: readonly (Block | Inline)[], options: HtmlOptions): ElementContent[] {
  const root = toHast({ type: 'root', children: nodes as Nodes[] } as Nodes, {
    handlers: {
      footnoteReference(_state: State, node): Element {
        const number = node.data?.number ?? 0;
        // The number is an isolate, left to right: in an Arabic sentence, "عام 2019.[^1]" keeps its
        // note apart from the year (not "2019.1"), and notes cited together read right to left as
        // the words do, the first rightmost (as the print edition and the Word file set them).
        const link: Element = {
          type: 'element',
          tagName: 'a',
          properties: { href: `#fn-${number}`, id: node.data?.refId, dir: 'ltr', ariaLabel: label(options.noteReference, { number }) },
          children: [{ type: 'text', value: String(number) }],
        };
        // After another reference, the separator first: seen and copied, not read out (each
        // link already has its own name).
        const separator: Element[] = node.data?.follows
          ? [{ type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: options.noteSeparator }] }]
          : [];
        return { type: 'element', tagName: 'sup', properties: { className: ['note-ref'] }, children: [...separator, link] };
      },
      // A table wider than the screen scrolls in a frame of its own, not the whole page sideways
      // (a phone shows four columns of twelve): a section with a name (a region, to a screen
      // reader), which keyboard users can focus to scroll.
      table(state: State, node): Element {
        const element = defaultHandlers.table(state, node);
        const number = ++options.tables.count;
        return { type: 'element', tagName: 'section', properties: { className: ['table-frame'], ariaLabel: label(options.table, { number }), tabIndex: 0 }, children: [element] };
      },
      // A task's checkbox is named by the task's words: the item's inline content before any
      // nested block is the checkbox's label (a checkbox without one is nameless to a screen
      // reader, and axe-core's "label" rule fails the page).
      listItem(state: State, node, parent) {
        const element = defaultHandlers.listItem(state, node, parent);
        if (typeof node.checked === 'boolean') labelCheckbox(element);
        return element;
      },
      // Code is set left to right in every edition, as it is written and as the PDF and the Word
      // file set it: in a right-to-left page a block inheriting the page's direction would be
      // set from the right, its overflow cut at the start and its lines' parts reordered
      // ("x = 1 # note" read back as "1 = x # note"). A line wider than the screen scrolls the
      // block sideways, as a wide table's frame does, so the block takes the keyboard's focus
      // as the frame does: a region no key can reach cannot be scrolled without a pointer.
      code(state: State, node): Element {
        const element = defaultHandlers.code(state, node);
        element.properties.dir = 'ltr';
        element.properties.tabIndex = 0;
        return element;
      },
      // Inline code too, and isolated from the words around it (an element's `dir` isolates
      // it): in an Arabic sentence `dist/` keeps its slash after "dist", as in print.
      inlineCode(state: State, node): Element {
        const element = defaultHandlers.inlineCode(state, node);
        element.properties.dir = 'ltr';
        return element;
      },
      heading(state: State, node) {
        const element = isolate(defaultHandlers.heading(state, node), node.children, options.dir);
        if (node.data?.id) element.properties.id = node.data.id;
        return element;
      },
      // A block's words in the other direction's scripts read in their own (isolate, below); a
      // tight list item's words are its paragraph's, which the item takes in without the <p>.
      paragraph(state: State, node) {
        return isolate(defaultHandlers.paragraph(state, node), node.children, options.dir);
      },
      // The row makes its cells itself, without the cell handler.
      tableRow(state: State, node, parent) {
        const row = defaultHandlers.tableRow(state, node, parent);
        row.children.filter((c): c is Element => c.type === 'element').forEach((cell, i) => isolate(cell, node.children[i]?.children ?? [], options.dir));
        return row;
      },
      link(state: State, node) {
        if (isSafeUrl(node.url)) return defaultHandlers.link(state, node);
        return { type: 'element', tagName: 'span', properties: {}, children: state.all(node) };
      },
      image(state: State, node): Element | Text {
        // A local image travels inside the page, which stays one self-contained file; a remote
        // one is a link to it (the page loads nothing from elsewhere).
        const local = loadImage(node.url, options.sourceDir);
        if (!local) {
          const alt: Text = { type: 'text', value: node.alt ?? '' };
          if (targetOf(node.url).kind !== 'web') return alt;
          return { type: 'element', tagName: 'a', properties: { href: node.url, className: ['remote-image'] }, children: [alt] };
        }
        const element = defaultHandlers.image(state, node);
        element.properties.src = `data:${local.mediaType};base64,${Buffer.from(local.data).toString('base64')}`;
        element.properties.width = local.width;
        element.properties.height = local.height;
        return element;
      },
    },
  }) as HastRoot;
  // Table cell alignment as CSS: the `align` attribute is obsolete in HTML. Left and right are
  // the start and end of the line, so a right-to-left edition mirrors them.
  visit(root, 'element', (element) => {
    const align = element.properties.align;
    if (typeof align === 'string') {
      element.properties.style = `text-align: ${align === 'left' ? 'start' : align === 'right' ? 'end' : align}`;
      delete element.properties.align;
    }
    // A list whose numbers run to three digits or more ("2022.", which starts a list in Markdown)
    // is moved in by as much, as in print and in the Word file: its numbers hang outside the text,
    // and on a narrow screen the stylesheet's indent left "99999999." cut off at the window's edge.
    if (element.tagName === 'ol') {
      const last = Number(element.properties.start ?? 1) + element.children.filter((c) => c.type === 'element' && c.tagName === 'li').length - 1;
      const digits = String(last).length;
      if (digits >= 3) element.properties.style = `padding-inline-start: calc(${digits}ch + 1em)`;
    }
  });
  unnestLinks(root);
  markLanguages(root, options.foreign);
  // A fragment of inline content alone (a section's title) is a block's words itself.
  if (nodes.every((node) => inlineTypes.has(node.type))) isolate(root as { children: ElementContent[] }, nodes as Nodes[], options.dir);
  return root.children as ElementContent[];
}

/** Each stretch of text in another script than the edition's goes in a span saying its language
 * (WCAG's language of parts), as the PDF marks it: a screen reader reads a Russian quotation in
 * an English edition with a Russian voice. Not inside code, which is read as written. */
function markLanguages(root: HastRoot, foreign: Foreign): void {
  const stack: (HastRoot | Element)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'element' && (node.tagName === 'code' || node.tagName === 'pre')) continue;
    const children: (typeof node.children)[number][] = [];
    for (const child of node.children) {
      if (child.type === 'element') stack.push(child);
      if (child.type !== 'text') {
        children.push(child);
        continue;
      }
      for (const stretch of languageStretches(child.value, foreign)) {
        children.push(stretch.lang === undefined ? { type: 'text', value: stretch.text } : { type: 'element', tagName: 'span', properties: { lang: stretch.lang }, children: [{ type: 'text', value: stretch.text }] });
      }
    }
    node.children = children as typeof node.children;
  }
}

/** A block's words (a paragraph's, a heading's, a table cell's, a title's) written wholly in the
 * other direction's scripts (inlineDirection) go in a span of that direction, an isolate: the
 * block stays where the edition's blocks are (on the right of an Arabic page, its list marker with
 * it), as in print and in the Word file, and its punctuation at its own ends. A `dir` on the
 * paragraph would move the block itself, as `dir="auto"` would, which also reads an Arabic
 * sentence opening with a Latin name left to right. */
function isolate<T extends { children: ElementContent[] }>(holder: T, words: readonly Nodes[], dir: Direction): T {
  const own = inlineDirection(words, dir);
  if (own !== dir && holder.children.length > 0) holder.children = [{ type: 'element', tagName: 'span', properties: { dir: own }, children: holder.children }];
  return holder;
}

/** The model's inline content (types.ts, Inline). */
const inlineTypes = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'link', 'image', 'break', 'footnoteReference']);

/** Elements that end a task's words: what follows is the item's further blocks. */
const blockTags = new Set(['p', 'ul', 'ol', 'blockquote', 'pre', 'section', 'table', 'div', 'figure', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Wraps a task item's checkbox and the words after it (in the item, or in its first paragraph)
 * in a label. */
function labelCheckbox(item: Element): void {
  const first = item.children.find((c) => c.type !== 'text' || c.value.trim() !== '');
  const holder = first?.type === 'element' && first.tagName === 'p' ? first : item;
  const at = holder.children.findIndex((c) => c.type === 'element' && c.tagName === 'input');
  if (at === -1) return;
  let end = at + 1;
  while (end < holder.children.length) {
    const next = holder.children[end]!;
    if (next.type === 'element' && blockTags.has(next.tagName)) break;
    end++;
  }
  // The words' last newline stays outside, as the text between blocks.
  const words = holder.children.slice(at, end);
  while (words.length > 1 && words.at(-1)!.type === 'text' && (words.at(-1) as Text).value.trim() === '') words.pop();
  const label: Element = { type: 'element', tagName: 'label', properties: {}, children: words as ElementContent[] };
  holder.children.splice(at, words.length, label);
}

/** A link inside a link is invalid HTML (a note reference or a remote image in a link's text):
 * the inner one keeps its text and id as a span. Without recursion, as the model may nest deep. */
function unnestLinks(root: HastRoot): void {
  const stack: [HastRoot | Element, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, inLink] = stack.pop()!;
    let inside = inLink;
    if (node.type === 'element' && node.tagName === 'a') {
      if (inLink) {
        node.tagName = 'span';
        delete node.properties.href;
        delete node.properties.title;
        // A span has no role that takes a label.
        delete node.properties.ariaLabel;
      }
      inside = true;
    }
    for (const child of node.children) if (child.type === 'element') stack.push([child, inside]);
  }
}

export function toHtml(nodes: readonly (Block | Inline)[], options: HtmlOptions): string {
  return stringify({ type: 'root', children: toHastNodes(nodes, options) });
}

export function stringify(tree: HastRoot): string {
  return stringifier.stringify(tree);
}
