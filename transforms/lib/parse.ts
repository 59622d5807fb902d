/**
 * The one way the transforms parse a file. They write their changes as text edits on the
 * original source (lib/edits), so every position they read must point into that text, and
 * every comment must be found where recast put it; parsing anywhere else skips one of those.
 */
import type { JSCodeshift } from 'jscodeshift';
import { type AnyNode, ensureLocations } from './ast';
import { fileComments } from './comments';
import { rebaseToSource } from './offsets';

export interface ParsedSource {
  program: AnyNode;
  /** Every comment in the file, in source order (not `root.get().node.comments`, which is always undefined). */
  comments: AnyNode[];
}

/**
 * Parses `source` with `j` (`api.jscodeshift`, or `jscodeshift.withParser(...)`) and makes
 * every node's `start`/`end`/`loc` refer to `source` itself, also in CRLF or tab-indented
 * files (lib/offsets).
 */
export function parseForEdits(source: string, j: JSCodeshift): ParsedSource {
  const program = j(source).get().node.program as AnyNode;
  // Before ensureLocations: it derives the missing `loc`s from `start`/`end`, which must be rebased first.
  rebaseToSource(program, source);
  ensureLocations(program, source);
  return { program, comments: fileComments(program) };
}
