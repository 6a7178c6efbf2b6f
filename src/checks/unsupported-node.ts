// report:unsupported-node — only what every writer can set faithfully gets through: no raw HTML
// (it would bypass the model and could carry script), images with alt text, one title, no table
// cell past its header's columns. HTML comments are notes to translators and editors: allowed
// anywhere, never published.
import type { Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { isComment } from '../model/comments.ts';

const ruleId = 'report:unsupported-node';

/** What to write in Markdown for the tags an editor reaches for, pasting from a web page or a
 * word processor; any other tag gets the general hint. */
const markdownFor: Record<string, string> = {
  br: 'end the line with a backslash (\\) to break it there',
  b: 'write **bold** for strong emphasis',
  strong: 'write **bold** for strong emphasis',
  i: 'write *italics* for emphasis',
  em: 'write *italics* for emphasis',
  u: 'Markdown has no underline: write *italics* for emphasis',
  s: 'write ~~struck~~ for struck-through text',
  del: 'write ~~struck~~ for struck-through text',
  strike: 'write ~~struck~~ for struck-through text',
  code: 'write `code` between backticks',
  a: 'write [the words](https://address) for a link',
  img: 'write ![what it shows](file.png) for a picture',
  sup: 'Markdown has no superscript: type the character (², ³, ª) or say it in words; a note is [^label]',
  sub: 'Markdown has no subscript: type the character (₂, ₃) or say it in words',
  p: 'leave a blank line between paragraphs instead',
  div: 'remove the tag and keep its text; blank lines separate paragraphs',
  span: 'remove the tag and keep its text',
  ul: 'write each item on a line of its own starting with "- "',
  ol: 'write each item on a line of its own starting with "1. "',
  li: 'write each item on a line of its own starting with "- " or "1. "',
  blockquote: 'start each line of the quotation with "> "',
  table: 'write a Markdown table: | a | b |, a line of | --- | --- |, then a line per row',
  h2: 'write "## " before a section\'s heading',
  h3: 'write "### " before a heading inside a section',
  h4: 'write "#### " before the heading',
  hr: 'write a line of three dashes (---) between blank lines',
};
const generalHint = 'write it in Markdown; raw HTML cannot be set in PDF or Word and is not published';

/** The tag an HTML fragment starts with, lowercased, and whether it closes one: `</b>` → b. */
function tagOf(html: string): { name: string; closing: boolean } | undefined {
  const found = /^\s*<(\/?)([a-z][a-z0-9]*)\b/i.exec(html);
  return found ? { name: found[2]!.toLowerCase(), closing: found[1] === '/' } : undefined;
}

export default function unsupportedNode() {
  return (tree: Root, file: VFile): void => {
    // Tags reported open in each paragraph (or other parent): their closing tags are the same
    // problem, not reported again.
    const open = new WeakMap<Parent, string[]>();
    visit(tree, (node, _index, parent) => {
      switch (node.type) {
        case 'html': {
          if (isComment(node.value)) return 'skip';
          const tag = tagOf(node.value);
          const opened = parent ? (open.get(parent) ?? []) : [];
          if (tag?.closing && opened.includes(tag.name)) {
            opened.splice(opened.lastIndexOf(tag.name), 1);
            return 'skip';
          }
          if (tag && !tag.closing && parent) open.set(parent, [...opened, tag.name]);
          const hint = (tag && Object.hasOwn(markdownFor, tag.name) ? markdownFor[tag.name] : undefined) ?? generalHint;
          report(file, 'error', `Unexpected raw HTML${tag ? ` <${tag.closing ? '/' : ''}${tag.name}>` : ''}, expected Markdown`, node, ruleId,
            hint === generalHint ? hint : `${hint}; raw HTML is not published`);
          return 'skip';
        }
        case 'image':
          if (!node.alt || node.alt.trim() === '') {
            report(file, 'error', `Image "${node.url}" has no alt text`, node, ruleId, 'describe the image: ![what it shows](file.png)');
          }
          return undefined;
        case 'heading':
          if (node.depth === 1) {
            report(file, 'error', 'Unexpected level-1 heading, the title comes from the front matter', node, ruleId, 'use "##" for a section, "###" inside one');
          }
          return undefined;
        case 'table': {
          // A row may have fewer cells than the header (the rest are empty), but cells past the
          // header's are dropped by GitHub's table syntax: their text would not be published.
          const [header, ...rows] = node.children;
          const columns = header?.children.length ?? 0;
          for (const row of rows) {
            if (row.children.length <= columns) continue;
            const extra = row.children.length - columns;
            report(file, 'error', `Unexpected ${extra === 1 ? 'cell' : `${extra} cells`} past the table's ${columns} ${columns === 1 ? 'column' : 'columns'}, expected at most ${columns} cells a row`,
              // At the cell's text, not the | before it.
              row.children[columns]!.children[0] ?? row.children[columns]!, ruleId,
              'add the column to the header row and to the | --- | line under it, or join the text with a cell before it: cells past the header\'s are not published');
          }
          return undefined;
        }
        default:
          return undefined;
      }
    });
  };
}

