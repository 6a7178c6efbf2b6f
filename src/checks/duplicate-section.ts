// report:duplicate-section — a section id appears once.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { outline } from '../model/outline.ts';

export default function duplicateSection() {
  return (tree: Root, file: VFile): void => {
    const seen = new Map<string, number>();
    for (const section of outline(tree).sections) {
      const first = seen.get(section.id);
      if (first !== undefined) {
        report(file, 'error', `Duplicate section "${section.id}", first defined on line ${first}`, section.heading, 'report:duplicate-section',
          'merge the two sections, or give one an explicit {#id}');
      } else {
        seen.set(section.id, section.heading.position?.start.line ?? 0);
      }
    }
  };
}
