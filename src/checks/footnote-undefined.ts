// report:footnote-undefined — every note reference has a definition. GFM leaves a reference to
// an undefined label as plain text `[^2]`, so the rule looks for that text in the source.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from './context.ts';
import { footnoteIndex } from './footnotes.ts';

const pattern = /\[\^([^\]\s]+)\]/g;

export default function footnoteUndefined() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    const defined = new Set(footnoteIndex(tree).definitions.map((d) => d.identifier));
    visit(tree, 'text', (node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = source.slice(start, end);
      for (const match of raw.matchAll(pattern)) {
        const label = match[1];
        if (defined.has(label.toLowerCase())) continue;
        report(file, 'error', `Footnote "[^${label}]" is referenced but never defined`, pointAt(source, start + match.index!),
          'report:footnote-undefined', `add a definition "[^${label}]: …" at the end of the file`);
      }
    });
    for (const ref of footnoteIndex(tree).references) {
      if (!defined.has(ref.identifier)) {
        report(file, 'error', `Footnote "[^${ref.label ?? ref.identifier}]" is referenced but never defined`, ref, 'report:footnote-undefined',
          'add its definition at the end of the file');
      }
    }
  };
}

function pointAt(source: string, offset: number) {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), offset };
}
