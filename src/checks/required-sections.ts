// report:required-sections — every section planned in report.yaml is in the edition.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { endOf, report, type CheckOptions } from './context.ts';
import { outline } from '../model/outline.ts';

export default function requiredSections(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const { sections } = outline(tree);
    const present = new Set(sections.map((s) => s.id));
    const plan = options.plan.sections;
    plan.forEach((id, index) => {
      if (present.has(id)) return;
      // Point at the heading that should follow the missing section, or the end of the file.
      const next = plan.slice(index + 1).find((later) => present.has(later));
      const nextSection = next ? sections.find((s) => s.id === next) : undefined;
      const title = options.reportType?.vocabulary[id];
      report(
        file,
        'error',
        `Section "${id}" planned in report.yaml is missing`,
        nextSection ? nextSection.heading : endOf(tree),
        'report:required-sections',
        `add "## ${title ?? id}${title ? '' : ` {#${id}}`}" ${nextSection ? `before "## ${nextSection.title}"` : 'at the end'}, or remove it from the plan`,
      );
    });
  };
}
