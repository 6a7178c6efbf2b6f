// translation:footnote-mismatch — a translation has the original's notes: the same labels, each
// cited in the same sections, so a note cannot be lost, added or moved in translation.
import type { FootnoteDefinition, Root } from 'mdast';
import type { VFile } from 'vfile';
import { outline } from '../model/outline.ts';
import { endOf, report, type CheckOptions } from './context.ts';
import { footnoteIndex } from './footnotes.ts';
import { noteSites } from './translation-original.ts';

const ruleId = 'translation:footnote-mismatch';

const where = (section: string | null) => (section === null ? 'the summary' : `section "${section}"`);
const list = (sections: Set<string | null>) => [...sections].map(where).join(', ');
/** Where the original has a note: where it cites it, or nowhere (a definition cited nowhere, which
 * the original's own check reports). */
const sites = (sections: Set<string | null>) => (sections.size > 0 ? `cited in ${list(sections)}` : 'defined, as the original defines it (citing it nowhere)');

export default function translationFootnoteMismatch(options: CheckOptions) {
  return (tree: Root, file: VFile): void => {
    const original = options.original;
    if (options.isOriginal || !original) return;
    const notes = noteSites(tree);
    const { definitions, references } = footnoteIndex(tree);
    const { sections } = outline(tree);
    const definitionOf = new Map<string, FootnoteDefinition>(definitions.map((d) => [d.identifier, d]));
    const headingOf = (section: string | null) => sections.find((s) => s.id === section)?.heading;
    for (const [identifier, note] of original.notes) {
      const mine = notes.get(identifier);
      const [first] = note.sections;
      if (!mine) {
        report(file, 'error', `Note "[^${note.label}]" of the original is missing, expected it ${sites(note.sections)}`,
          (first !== undefined ? headingOf(first) : undefined) ?? endOf(tree), ruleId,
          `translate the note "[^${note.label}]: …" of ${original.path} and cite it where the original does`);
        continue;
      }
      for (const section of note.sections) {
        if (mine.sections.has(section)) continue;
        report(file, 'error', `Note "[^${note.label}]" is not cited in ${where(section)}, expected it there as in the original`,
          headingOf(section) ?? definitionOf.get(identifier) ?? endOf(tree), ruleId,
          `cite "[^${note.label}]" in ${where(section)}, where ${original.path} cites it`);
      }
      for (const section of mine.sections) {
        if (note.sections.has(section)) continue;
        const reference = references.find((r) => r.identifier === identifier && sectionOf(tree, r) === section);
        if (note.sections.size === 0) {
          report(file, 'error', `Unexpected citation of note "[^${note.label}]" in ${where(section)}, the original cites it nowhere`,
            reference ?? headingOf(section), ruleId, `${original.path} defines "[^${note.label}]" without citing it: cite it there, or remove the citation here`);
          continue;
        }
        report(file, 'error', `Unexpected citation of note "[^${note.label}]" in ${where(section)}, the original cites it in ${list(note.sections)}`,
          reference ?? headingOf(section), ruleId, `move the citation to ${list(note.sections)}, as in ${original.path}`);
      }
    }
    for (const [identifier, note] of notes) {
      if (original.notes.has(identifier)) continue;
      const place = definitionOf.get(identifier) ?? references.find((r) => r.identifier === identifier);
      report(file, 'error', `Unexpected note "[^${note.label}]", not in the original ${original.path}`, place, ruleId,
        `a translation keeps the original's notes and labels (${[...original.notes.values()].map((n) => `[^${n.label}]`).join(', ') || 'none'}); remove it or give it the original's label`);
    }
  };
}

/** The section holding a node (null: the summary), by position. */
function sectionOf(tree: Root, node: { position?: { start: { offset?: number } } }): string | null {
  const offset = node.position?.start.offset ?? 0;
  let current: string | null = null;
  for (const s of outline(tree).sections) {
    if ((s.heading.position?.start.offset ?? 0) <= offset) current = s.id;
  }
  return current;
}
