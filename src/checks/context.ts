// What every check needs to know beyond the tree: the report's plan and type, and which edition
// this is. Also the section outline of an edition, computed once and shared by the checks.
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slug } from 'github-slugger';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { ReportType } from '../templates/types.ts';
import type { ReportPlan } from '../model/types.ts';

export interface Plan extends ReportPlan {
  /** Path of report.yaml, for messages. */
  file: string;
}

export interface CheckOptions {
  plan: Plan;
  reportType?: ReportType;
  lang: string;
  isOriginal: boolean;
}

export interface OutlineSection {
  id: string;
  heading: Heading;
  title: string;
  /** Content nodes between this heading and the next level-2 heading. */
  body: RootContent[];
}

export interface Outline {
  /** Content before the first level-2 heading (front matter and definitions excluded). */
  summary: RootContent[];
  sections: OutlineSection[];
}

export function sectionId(heading: Heading): string {
  return heading.data?.id ?? slug(toString(heading));
}

const outlines = new WeakMap<Root, Outline>();

export function outline(tree: Root): Outline {
  const known = outlines.get(tree);
  if (known) return known;
  const result: Outline = { summary: [], sections: [] };
  for (const node of tree.children) {
    if (node.type === 'yaml' || node.type === 'definition' || node.type === 'footnoteDefinition') continue;
    if (node.type === 'heading' && node.depth === 2) {
      result.sections.push({ id: sectionId(node), heading: node, title: toString(node), body: [] });
    } else if (result.sections.length > 0) {
      result.sections.at(-1)!.body.push(node);
    } else {
      result.summary.push(node);
    }
  }
  outlines.set(tree, result);
  return result;
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
