// report:footnote-duplicate — a note label is defined once.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { footnoteIndex } from './footnotes.ts';

export default function footnoteDuplicate() {
  return (tree: Root, file: VFile): void => {
    const seen = new Map<string, number>();
    for (const definition of footnoteIndex(tree).definitions) {
      const first = seen.get(definition.identifier);
      if (first === undefined) {
        seen.set(definition.identifier, definition.position?.start.line ?? 0);
        continue;
      }
      report(file, 'error', `Duplicate footnote "[^${definition.label ?? definition.identifier}]", first defined on line ${first}`, definition,
        'report:footnote-duplicate', 'give each note its own label');
    }
  };
}
