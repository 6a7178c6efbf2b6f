// Parses one edition, once: Markdown (CommonMark + GFM footnotes and tables) with YAML front
// matter. Nothing downstream parses Markdown again.
import type { Root } from 'mdast';
import type { Position } from 'unist';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { headingIds } from './heading-ids.ts';
import { ContentError } from '../shared/errors.ts';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
/** Without front matter: for a text whose opening `---` is never closed. The front matter syntax,
 * having tried that fence and failed, leaves the rest of the text misread (micromark-extension-
 * frontmatter's open issue #5): footnote definitions become link definitions, lists are not seen. */
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfm);

declare module 'vfile' {
  interface DataMap {
    /** The text opens with `---` but its front matter is never closed (checks/frontmatter.ts). */
    frontmatterUnclosed: boolean;
  }
}

export interface Parsed {
  tree: Root;
  file: VFile;
}

/** More block quotes and list markers opening on one line than any report needs. Beyond it the
 * parser's work grows with the square of their number (3,000 `- ` take seconds), and deeper
 * trees overflow the stack of the tree walkers; the checks refuse anything deeper than 48 anyway. */
export const maxMarkersPerLine = 48;

export function parseEdition(path: string, text: string): Parsed {
  const file = new VFile({ path, value: text });
  const deep = tooManyMarkers(text);
  if (deep) {
    throw new ContentError(`Unexpected ${deep.count} block quote or list markers on one line, expected at most ${maxMarkersPerLine}`, {
      file: path, line: deep.line, column: deep.column, ruleId: 'report:unsupported-node', hint: 'flatten the nested block quotes or lists',
    });
  }
  let tree: Root;
  try {
    tree = parser.parse(file);
    if (tree.children[0]?.type !== 'yaml' && /^---[ \t]*(\r?\n|$)/.test(text)) {
      tree = withoutFrontMatter.parse(file);
      file.data.frontmatterUnclosed = true;
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // Nesting built up over many lines can still be too deep for the parser's tree walks.
    throw new ContentError('Unexpected nesting too deep to read', {
      file: path, line: 1, column: 1, ruleId: 'report:unsupported-node', hint: 'flatten the nested block quotes or lists',
    });
  }
  headingIds(tree);
  return { tree, file };
}

const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** The first line that opens more than maxMarkersPerLine containers (`>`, `-`, `*`, `+`, `1.`),
 * with the column of the first marker past the limit. One pass over the text. */
function tooManyMarkers(text: string): { line: number; column: number; count: number } | undefined {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    let count = 0;
    let column = 0;
    for (;;) {
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      let j = i;
      if (text[j] === '>') j++;
      else if ((text[j] === '-' || text[j] === '*' || text[j] === '+') && (j + 1 === end || text[j + 1] === ' ' || text[j + 1] === '\t')) j++;
      else {
        while (j < end && j - i < 9 && text[j] >= '0' && text[j] <= '9') j++;
        if (j === i || (text[j] !== '.' && text[j] !== ')') || !(j + 1 === end || text[j + 1] === ' ' || text[j + 1] === '\t')) break;
        j++;
      }
      count++;
      if (count === maxMarkersPerLine + 1) column = i - start + 1;
      i = j;
    }
    if (count > maxMarkersPerLine && !thematicBreak.test(text.slice(start, end))) return { line, column, count };
    start = end + 1;
    line++;
  }
  return undefined;
}

/** Deepest nesting of the tree, and the first node (in document order) nested deeper than
 * `limit`, measured without recursion so hostile input cannot overflow the stack. */
export function treeDepth(tree: Root, limit = Number.POSITIVE_INFINITY): { depth: number; first?: { position?: Position } } {
  let max = 0;
  let first: { position?: Position } | undefined;
  const stack: [unknown, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > limit && first === undefined) first = node as { position?: Position };
    const children = (node as { children?: unknown[] }).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
  }
  return { depth: max, first };
}

