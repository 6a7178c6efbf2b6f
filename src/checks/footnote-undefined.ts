// report:footnote-undefined — every note reference has a definition. GFM leaves a reference to
// an undefined label as plain text `[^2]`, so the rule looks for that text in the source.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { closest } from '../shared/suggest.ts';
import { report } from './context.ts';
import { footnoteIndex } from './footnotes.ts';

const pattern = /\[\^([^\]\s]+)\]/g;

export default function footnoteUndefined() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    const place = location(file);
    const { definitions, references } = footnoteIndex(tree);
    const defined = new Set(definitions.map((d) => d.identifier));
    // A reference and a definition that miss each other by a misspelling ([^sumary], [^summary]):
    // the definition nothing cites is named in the hint.
    const cited = new Set(references.map((r) => r.identifier));
    const spare = definitions.filter((d) => !cited.has(d.identifier)).map((d) => d.label ?? d.identifier);
    const hint = (label: string, otherwise: string): string => {
      const near = closest(label, spare);
      return near ? `did you mean "[^${near}]", which is defined and cited nowhere?` : otherwise;
    };
    visit(tree, 'text', (node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = source.slice(start, end);
      for (const match of raw.matchAll(pattern)) {
        const label = match[1];
        if (defined.has(label.toLowerCase())) continue;
        report(file, 'error', `Footnote "[^${label}]" is referenced but never defined`, pointAt(place, start + match.index!),
          'report:footnote-undefined', hint(label, `add a definition "[^${label}]: …" at the end of the file`));
      }
    });
    for (const ref of footnoteIndex(tree).references) {
      if (!defined.has(ref.identifier)) {
        report(file, 'error', `Footnote "[^${ref.label ?? ref.identifier}]" is referenced but never defined`, ref, 'report:footnote-undefined',
          hint(ref.label ?? ref.identifier, 'add its definition at the end of the file'));
      }
    }
  };
}

/** Offsets to points through vfile's index of line starts: one pass over the text, then a
 * binary search per point (slicing the text for each point would cost its length every time). */
function pointAt(place: ReturnType<typeof location>, offset: number) {
  const point = place.toPoint(offset);
  return point ? { ...point, offset } : { line: 1, column: 1, offset };
}
