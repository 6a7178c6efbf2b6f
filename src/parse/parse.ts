// Parses one edition, once: Markdown (CommonMark + GFM footnotes and tables) with YAML front
// matter. Nothing downstream parses Markdown again.
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { headingIds } from './heading-ids.ts';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export interface Parsed {
  tree: Root;
  file: VFile;
}

export function parseEdition(path: string, text: string): Parsed {
  const file = new VFile({ path, value: text });
  const tree = parser.parse(file);
  headingIds(tree);
  return { tree, file };
}

/** Deepest nesting of the tree, measured without recursion so hostile input cannot overflow the stack. */
export function treeDepth(tree: Root): number {
  let max = 0;
  const stack: [unknown, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    const children = (node as { children?: unknown[] }).children;
    if (children) for (const child of children) stack.push([child, depth + 1]);
  }
  return max;
}
