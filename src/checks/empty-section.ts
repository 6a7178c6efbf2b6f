// report:empty-section — a section has content, and so does the summary.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { outline } from '../model/outline.ts';

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
    }
  };
}
