// report:footnote-unused — every note definition is referenced from the text.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { footnoteIndex } from './footnotes.ts';

export default function footnoteUnused() {
  return (tree: Root, file: VFile): void => {
    const { definitions, references } = footnoteIndex(tree);
    const used = new Set(references.map((r) => r.identifier));
    for (const definition of definitions) {
      if (used.has(definition.identifier)) continue;
      report(file, 'error', `Footnote "[^${definition.label ?? definition.identifier}]" is defined but never referenced`, definition,
        'report:footnote-unused', `cite it with "[^${definition.label ?? definition.identifier}]" where it belongs, or delete it`);
    }
  };
}
