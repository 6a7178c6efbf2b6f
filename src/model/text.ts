// Plain text of model content, as a reader would copy it: blocks separated by blank lines,
// list items and table cells by line breaks. A note reference is left out: it is a mark, not
// words ("a note." rather than "a note.1").
import type { Nodes } from 'mdast';

export function plainText(nodes: readonly Nodes[], separator = '\n\n'): string {
  return nodes.map((node) => nodeText(node)).filter((t) => t !== '').join(separator);
}

/** Plain text of inline content (a heading's, a paragraph's, a table cell's): its pieces run on,
 * where plainText would set blank lines between them as between blocks. */
export function inlineText(nodes: readonly Nodes[]): string {
  return nodes.map((node) => nodeText(node)).join('');
}

function nodeText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'footnoteReference':
      return '';
    case 'list':
    case 'table':
      return plainText(node.children, '\n');
    case 'tableRow':
      return plainText(node.children, '\t');
    case 'listItem':
    case 'blockquote':
    case 'root':
    case 'footnoteDefinition':
      return plainText(node.children, '\n');
    case 'thematicBreak':
    case 'html':
    case 'yaml':
    case 'definition':
      return '';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(nodeText).join('') : '';
  }
}
