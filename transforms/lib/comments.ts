/**
 * The comments of a file parsed by jscodeshift. Recast attaches them to the nodes they belong
 * to (`node.comments`, leading and trailing) and leaves none on the `File` node, so
 * `root.get().node.comments` is always undefined.
 */
import { type AnyNode, walk } from './ast';

/** Every comment in the program, in source order. */
export function fileComments(program: AnyNode): AnyNode[] {
  const byStart = new Map<number, AnyNode>();
  walk(program, (n) => {
    for (const c of (n.comments ?? []) as AnyNode[]) if (typeof c.start === 'number') byStart.set(c.start, c);
  });
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
