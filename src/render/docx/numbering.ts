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

export function bulletDefinition(theme: Theme): NumberingDefinition {
  return {
    reference: bulletReference(),
    levels: levels.map(
      (level): ILevelsOptions => ({
        level,
        format: LevelFormat.BULLET,
        text: bullets[level % bullets.length],
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: indent(theme, level) } },
      }),
    ),
  };
}

/** Markdown numbers a nested ordered list on its own (1., 2., …), as HTML does: decimal at every level. */
export function orderedDefinition(theme: Theme, start: number): NumberingDefinition {
  return {
    reference: orderedReference(start),
    levels: levels.map(
      (level): ILevelsOptions => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        start,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: indent(theme, level) } },
      }),
    ),
  };
}
