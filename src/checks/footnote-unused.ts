// report:footnote-unused — every note definition is referenced from the text.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { footnoteIndex, reachableNotes } from './footnotes.ts';

export default function footnoteUnused() {
  return (tree: Root, file: VFile): void => {
    const { definitions, references } = footnoteIndex(tree);
    const cited = new Set(references.map((r) => r.identifier));
    const reached = reachableNotes(tree);
    for (const definition of definitions) {
      if (reached.has(definition.identifier)) continue;
      if (cited.has(definition.identifier)) {
        report(file, 'error', `Footnote "[^${definition.label ?? definition.identifier}]" is cited only from notes that the text never cites`, definition,
          'report:footnote-unused', 'cite it, or the note that cites it, from the text');
        continue;
      }
      report(file, 'error', `Footnote "[^${definition.label ?? definition.identifier}]" is defined but never referenced`, definition,
        'report:footnote-unused', `cite it with "[^${definition.label ?? definition.identifier}]" where it belongs, or delete it`);
    }
  };
}
