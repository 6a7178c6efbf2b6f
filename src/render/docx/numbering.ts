// List numbering. Every Markdown list is its own Word list (a numbering instance), so an ordered
// list counts from its own start, and its level is its nesting depth, so indents follow Word's.
import { AlignmentType, LevelFormat, type ILevelsOptions, type NumberingDefinition } from 'docx';
import type { Theme } from '../../templates/types.ts';
import { twips } from './units.ts';

const bullets = ['•', '◦', '▪'];
const levels = [0, 1, 2, 3, 4, 5, 6, 7, 8];

function indent(theme: Theme, level: number) {
  const step = twips(theme.spacing.listIndent);
  return { left: step * (level + 1), hanging: step };
}

export function bulletReference(): string {
  return 'bullet';
}

export function orderedReference(start: number): string {
  return start === 1 ? 'ordered' : `ordered-${start}`;
}

/** Whether a numbering reference (orderedReference's, or a bullet or task list's) numbers its items. */
export function isOrdered(reference: string): boolean {
  return reference.startsWith('ordered');
}

export function bulletDefinition(theme: Theme): NumberingDefinition {
  return markerDefinition(theme, bulletReference(), (level) => bullets[level % bullets.length]!);
}

/** A task list item's marker: its box, open or ticked, where a bullet would be, as Word users
 * make a checklist (a bullet of ☐) and as the web page shows it (a box and no bullet). */
export function taskReference(checked: boolean): string {
  return checked ? 'task-done' : 'task-open';
}

export function taskDefinitions(theme: Theme): NumberingDefinition[] {
  return [false, true].map((checked) => markerDefinition(theme, taskReference(checked), () => (checked ? '☒' : '☐')));
}

function markerDefinition(theme: Theme, reference: string, text: (level: number) => string): NumberingDefinition {
  return {
    reference,
    levels: levels.map(
      (level): ILevelsOptions => ({
        level,
        format: LevelFormat.BULLET,
        text: text(level),
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: indent(theme, level) } },
      }),
    ),
  };
}

/** Room between a list's number and its text (twips): 4 pt, as in the print edition. */
export const NUMBER_GAP = 80;

/** The hanging indent of an item of the list numbered by `reference` (an item in a quote sets
 * its indents itself, and must hang as its numbering does). */
export function hangingOf(theme: Theme, reference: string): number {
  return isOrdered(reference) ? NUMBER_GAP : indent(theme, 0).hanging;
}

/** Markdown numbers a nested ordered list on its own (1., 2., …), as HTML does: decimal at every
 * level. Numbers are set flush right, ending a little before the text, as the print edition sets
 * them: their full stops line up, and "40." or "100." hangs further into the indent rather than
 * running into the text (left-aligned in the indent, two digits already filled it in a wider
 * face, and LibreOffice then set "40.Government"). A right-to-left edition's numbers are
 * left-aligned, on the same hanging indent: LibreOffice sets such a number from the indent's
 * point towards the margin, which is how a number ends a little before right-to-left text (with
 * the hanging indent of bullets instead, "1." stood 10 pt into the right margin). */
export function orderedDefinition(theme: Theme, start: number, rtl = false): NumberingDefinition {
  return {
    reference: orderedReference(start),
    levels: levels.map(
      (level): ILevelsOptions => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        start,
        alignment: rtl ? AlignmentType.LEFT : AlignmentType.RIGHT,
        style: { paragraph: { indent: { left: indent(theme, level).left, hanging: hangingOf(theme, orderedReference(start)) } } },
      }),
    ),
  };
}
