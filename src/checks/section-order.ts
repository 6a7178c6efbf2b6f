// report:section-order — planned sections appear in the order of the plan.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';
import { outline } from '../model/outline.ts';

export default function sectionOrder(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const rank = new Map(options.plan.sections.map((id, index) => [id, index]));
    let last: { id: string; rank: number } | undefined;
    for (const section of outline(tree).sections) {
      const r = rank.get(section.id);
      if (r === undefined) continue;
      if (last && r < last.rank) {
        report(file, 'error', `Section "${section.id}" is out of order, expected it before "${last.id}" as in report.yaml`, section.heading,
          'report:section-order', 'move the section, or change the order in report.yaml');
        continue;
      }
      last = { id: section.id, rank: r };
    }
  };
}
