// Making the logical structure as the layout sets blocks: each element is added to its parent's
// children when it is made, so the tree is in reading order whatever page its content lands on.
import type { StructNode, StructRole } from './types.ts';

export function structNode(role: StructRole, parent?: StructNode, extra: Partial<Pick<StructNode, 'alt' | 'id'>> = {}): StructNode {
  const node: StructNode = { role, kids: [], ...extra };
  parent?.kids.push(node);
  return node;
}
