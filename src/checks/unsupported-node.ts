// report:unsupported-node — only what every writer can set faithfully gets through: no raw HTML
// (it would bypass the model and could carry script), images with alt text, one title. HTML
// comments are notes to translators and editors: allowed anywhere, never published.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { isComment } from '../model/comments.ts';

const ruleId = 'report:unsupported-node';

export default function unsupportedNode() {
  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      switch (node.type) {
        case 'html':
          if (isComment(node.value)) return 'skip';
          report(file, 'error', 'Unexpected raw HTML, expected Markdown', node, ruleId, 'write it in Markdown; raw HTML cannot be set in PDF or Word and is not published');
          return 'skip';
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
        default:
          return undefined;
      }
    });
  };
}

