// What every check needs to know beyond the tree: the report's plan and type, and which edition
// this is; and how a check records a message.
import type { Root } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { ReportType } from '../templates/types.ts';
import type { ReportPlan } from '../model/types.ts';

export interface Plan extends ReportPlan {
  /** Path of report.yaml, for messages. */
  file: string;
  /** Where each top-level value's text starts in report.yaml (past an opening quote), by key. */
  places?: Record<string, { line: number; column: number }>;
}

export interface CheckOptions {
  plan: Plan;
  reportType?: ReportType;
  lang: string;
  isOriginal: boolean;
  /** For a translation: the original edition as it stands (the translation-* rules compare). */
  original?: OriginalEdition;
}

/** What the translation rules need of the original edition (src/checks/translation-original.ts). */
export interface OriginalEdition {
  /** Path of the original, for messages. */
  path: string;
  /** sha256 of the original's text as it stands. */
  hash: string;
  /** Each note of the original by identifier, with the sections that reference it (null: the summary). */
  notes: Map<string, { label: string; sections: Set<string | null> }>;
  /** Section headings of the original by id, for hints. */
  titles: Map<string, string>;
  /** What changed in the original since the version whose hash a translation recorded, when the
   * earlier version can be found (in git history); undefined otherwise. */
  changesSince?(hash: string): OriginalChanges | undefined;
}

export interface OriginalChanges {
  /** The commit that holds the earlier original. */
  commit: string;
  /** Ids of the sections (and `summary`) whose text or notes differ, in the original's order. */
  sections: string[];
}

export type Severity = 'error' | 'warning';

export type Place = Position | Point | { position?: Position } | undefined;

/** Records a message on the edition's file with a stable rule id and, when given, a fix hint. */
export function report(
  file: VFile,
  severity: Severity,
  reason: string,
  place: Place,
  ruleId: string,
  hint: string,
): void {
  const where = place && 'position' in place ? place.position : (place as Position | Point | undefined);
  const message = file.message(reason, { place: where, ruleId, source: 'folio' });
  message.fatal = severity === 'error';
  message.note = hint;
}

/** Where something missing at the end belongs: after the last text, before the notes. */
export function endOf(tree: Root): Point {
  const content = tree.children.filter((n) => n.type !== 'footnoteDefinition' && n.type !== 'definition');
  return content.at(-1)?.position?.end ?? tree.position?.end ?? { line: 1, column: 1 };
}
