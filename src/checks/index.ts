// The single-edition checks, run in one pass over an edition's tree.
import type { Root } from 'mdast';
import { unified, type Plugin } from 'unified';
import type { VFile } from 'vfile';
import { report, type CheckOptions } from './context.ts';
import duplicateSection from './duplicate-section.ts';
import emptySection from './empty-section.ts';
import footnoteDuplicate from './footnote-duplicate.ts';
import footnoteEmpty from './footnote-empty.ts';
import footnoteUndefined from './footnote-undefined.ts';
import footnoteUnused from './footnote-unused.ts';
import frontmatter from './frontmatter.ts';
import headingOrder from './heading-order.ts';
import linkTarget from './link-target.ts';
import requiredSections from './required-sections.ts';
import sectionOrder from './section-order.ts';
import unplannedSection from './unplanned-section.ts';
import unsupportedNode from './unsupported-node.ts';
import translationFootnoteMismatch from './translation-footnote-mismatch.ts';
import translationStale from './translation-stale.ts';
import { treeDepth } from '../parse/parse.ts';

export const rules: Plugin<[CheckOptions], Root>[] = [
  frontmatter,
  requiredSections,
  unplannedSection,
  sectionOrder,
  duplicateSection,
  emptySection,
  headingOrder,
  footnoteUndefined,
  footnoteUnused,
  footnoteDuplicate,
  footnoteEmpty,
  unsupportedNode,
  linkTarget,
  translationFootnoteMismatch,
  translationStale,
];

/** Deeper nesting than any report needs; refusing it keeps every writer's recursion safe. */
export const maxDepth = 48;

export function checkEdition(tree: Root, file: VFile, options: CheckOptions): void {
  const { depth, first } = treeDepth(tree, maxDepth);
  if (depth > maxDepth) {
    report(file, 'error', `Unexpected nesting ${depth} levels deep, expected at most ${maxDepth}`, first?.position?.start ?? { line: 1, column: 1 },
      'report:unsupported-node', 'flatten the nested block quotes or lists');
    return;
  }
  const processor = unified();
  for (const rule of rules) processor.use(rule, options);
  processor.runSync(tree, file);
}
