// The words of an edition that does not build (its model is missing): the Markdown's text, front
// matter and comments left out.
import { toString } from 'mdast-util-to-string';
import { parseEdition } from '../parse/parse.ts';
import { isComment } from '../model/comments.ts';

export function sourceText(text: string): string {
  const { tree } = parseEdition('edition.md', text);
  tree.children = tree.children.filter((n) => n.type !== 'yaml' && !(n.type === 'html' && isComment(n.value)));
  return toString(tree, { includeHtml: false });
}
