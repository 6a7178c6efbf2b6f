// report:unplanned-section — every section of the edition is in the plan; a near miss of a
// planned id or a known title gets a did-you-mean.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';
import { outline } from '../model/outline.ts';
import { closest } from '../shared/suggest.ts';

export default function unplannedSection(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const planned = new Set(options.plan.sections);
    const vocabulary = options.reportType?.vocabulary ?? {};
    const titleToId = new Map(Object.entries(vocabulary).map(([id, title]) => [title, id]));
    for (const section of outline(tree).sections) {
      if (planned.has(section.id)) continue;
      const nearId = closest(section.id, planned);
      const nearTitle = closest(section.title, [...titleToId.keys()].filter((t) => planned.has(titleToId.get(t)!)));
      // An id written out ({#backgrond}) is what to correct, the heading's words being a
      // translation's or already right; a heading without one is corrected by its words.
      const explicit = section.heading.data?.id !== undefined;
      const titleId = nearTitle === undefined ? undefined : titleToId.get(nearTitle);
      const hint = explicit && (nearId ?? titleId)
        ? `did you mean "{#${nearId ?? titleId}}"?`
        : nearTitle
          ? `did you mean "## ${nearTitle}"?`
          : nearId
            ? `did you mean "{#${nearId}}"?`
            : `add "${section.id}" to the sections of ${options.plan.file}, or remove the heading`;
      report(file, 'error', `Unexpected section "${section.id}", not planned in report.yaml`, section.heading, 'report:unplanned-section', hint);
    }
  };
}
