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
