// Walks of model content that several writers need, written once.
import type { Block, Inline } from './types.ts';

type Content = Block | Inline;

/** Calls `visit` on every node below `nodes` in reading order (notes' own content excluded:
 * the model keeps it apart), without recursion, so hostile nesting cannot overflow the stack. */
export function eachNode(nodes: readonly Content[], visit: (node: Content) => void): void {
  const stack: Content[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Content);
  }
}

/** The references written in notes' texts, by anchor id (`fnref-3`), each with the number of the
 * note holding it: a back-link to one goes to a note, not to the text. */
export function referencesInNotes(footnotes: readonly { number: number; blocks: readonly Content[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const note of footnotes) {
    eachNode(note.blocks, (node) => {
      if (node.type === 'footnoteReference' && node.data?.refId) out.set(node.data.refId, note.number);
    });
  }
  return out;
}

/** Numbers of the notes first cited in `nodes`, in reading order; `seen` carries over between
 * calls so a note cited again later is not listed twice. */
export function firstReferences(nodes: readonly Content[], seen: Set<number>): number[] {
  const out: number[] = [];
  eachNode(nodes, (node) => {
    if (node.type !== 'footnoteReference') return;
    const number = node.data?.number;
    if (number !== undefined && !seen.has(number)) {
      seen.add(number);
      out.push(number);
    }
  });
  return out;
}
