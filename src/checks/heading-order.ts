// report:heading-order — a sub-heading is at most one level below the heading before it. A section
// is a level-2 heading ("##"); "####" straight under it skips level 3, which a screen reader's
// list of headings, the web page's outline and the PDF's structure tree (PDF/UA: Matterhorn 14-003)
// all report as a gap. A warning: the edition is published as written.
import type { Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { outline } from '../model/outline.ts';
import type { Block } from '../model/types.ts';
import { eachNode } from '../model/walk.ts';

export default function headingOrder() {
  return (tree: Root, file: VFile): void => {
    for (const section of outline(tree).sections) {
      let previous = 2;
      // Headings in quotes and list items too, in reading order, walked without recursion.
      eachNode(section.body as Block[], (heading) => {
        // An empty heading is report:empty-section's error, not a level in the outline.
        if (heading.type !== 'heading' || heading.depth <= 2 || textOf(heading).trim() === '') return;
        if (heading.depth > previous + 1) {
          const fits = '#'.repeat(previous + 1);
          const skipped = heading.depth - previous - 1;
          const levels = skipped === 1 ? `level ${previous + 1}` : `levels ${previous + 1} ${skipped === 2 ? 'and' : 'to'} ${heading.depth - 1}`;
          report(file, 'warning', `Heading level ${heading.depth} follows level ${previous}, skipping ${levels}`,
            heading, 'report:heading-order', `write it "${fits}", one level below the heading before it, so readers of the outline miss no level`);
        }
        previous = heading.depth;
      });
    }
  };
}
