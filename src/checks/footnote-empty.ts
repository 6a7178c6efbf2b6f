// report:footnote-empty — a note has something to say. `[^e]:` with nothing after it is a note
// left unwritten: published, it would be a number leading nowhere.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { footnoteIndex } from './footnotes.ts';

export default function footnoteEmpty() {
  return (tree: Root, file: VFile): void => {
    for (const definition of footnoteIndex(tree).definitions) {
      if (definition.children.length > 0) continue;
      const label = definition.label ?? definition.identifier;
      report(file, 'error', `Empty footnote "[^${label}]", expected its text`, definition, 'report:footnote-empty',
        `write the note after "[^${label}]:", or remove it and its references`);
    }
  };
}
