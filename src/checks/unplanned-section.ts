// report:unplanned-section — every section of the edition is in the plan; a near miss of a
// planned id or a known title gets a did-you-mean.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';
import { outline } from '../model/outline.ts';
import { closest, onlyOne, wordsWithin } from '../shared/suggest.ts';

export default function unplannedSection(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const planned = new Set(options.plan.sections);
    const vocabulary = options.reportType?.vocabulary ?? {};
    const titleToId = new Map(Object.entries(vocabulary).map(([id, title]) => [title, id]));
    const sections = outline(tree).sections;
    const missing = [...planned].filter((id) => !sections.some((section) => section.id === id));
    for (const section of sections) {
      if (planned.has(section.id)) continue;
      const nearId = closest(section.id, planned);
      const nearTitle = closest(section.title, [...titleToId.keys()].filter((t) => planned.has(titleToId.get(t)!)));
      // An id written out ({#backgrond}) is what to correct, the heading's words being a
      // translation's or already right; a heading without one is corrected by its words.
      const explicit = section.heading.data?.id !== undefined;
      const titleId = nearTitle === undefined ? undefined : titleToId.get(nearTitle);
      // A heading with words added to a planned section's ("Death penalty ![a skull](skull.png)",
      // "Background and context"), whose section is missing: the heading keeps its words with
      // that section's id written after them.
      const widened = nearId ?? nearTitle ? undefined : onlyOne(missing.filter((id) => wordsWithin(id, section.id)));
      const hint = explicit && (nearId ?? titleId)
        ? `did you mean "{#${nearId ?? titleId}}"?`
        : nearTitle
          ? `did you mean "## ${nearTitle}"?`
          : nearId
            ? `did you mean "{#${nearId}}"?`
            : widened
              ? `did you mean section "${widened}"? then end the heading with "{#${widened}}"`
              : `add "${section.id}" to the sections of ${options.plan.file}, or remove the heading`;
      report(file, 'error', `Unexpected section "${section.id}", not planned in report.yaml`, section.heading, 'report:unplanned-section', hint);
    }
  };
}

