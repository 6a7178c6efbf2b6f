// report:empty-section — a section has content, and so does the summary; a sub-heading has words
// (an empty one is a number in the outline and a blank in every format, a heading with no name
// for a screen reader).
import type { Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { outline } from '../model/outline.ts';
import type { Block } from '../model/types.ts';
import { eachNode } from '../model/walk.ts';

export default function emptySection() {
  return (tree: Root, file: VFile): void => {
    const { summary, sections } = outline(tree);
    if (summary.length === 0) {
      report(file, 'error', 'Missing summary, expected a paragraph before the first section', sections[0]?.heading ?? { line: 1, column: 1 },
        'report:empty-section', 'write the summary between the front matter and the first "##" heading');
    }
    for (const section of sections) {
      if (section.body.length === 0) {
        report(file, 'error', `Empty section "${section.id}"`, section.heading, 'report:empty-section', 'write its text, or remove it from the plan and the edition');
      }
      // Headings in quotes and list items too, walked without recursion.
      eachNode(section.body as Block[], (heading) => {
        if (heading.type === 'heading' && heading.depth > 2 && textOf(heading).trim() === '') {
          report(file, 'error', `Empty heading "${'#'.repeat(heading.depth)}", expected its words`, heading, 'report:empty-section', 'write the heading\'s words after the "#" marks, or remove the line');
        }
      });
    }
  };
}
