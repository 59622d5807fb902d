import { structuredPatch, type StructuredPatchHunk } from 'diff';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types';
import type { ChangeSet, FileChange } from '../change-set';
import type { Printer } from '../printer';
import { quoteGitPath } from './git-path';
import { reviewOrder } from './ordering';

export interface UnifiedDiffOptions {
  /** ANSI colours (headers bold, removals red, additions green, hunk headers cyan). */
  color: boolean;
}

/** Lines of unchanged context around each change, as git uses by default. */
const CONTEXT_LINES = 3;

/**
 * Above this many inserted + removed lines, the line diff gives up and the file is shown as
 * one hunk replacing all old lines with all new ones. Myers' algorithm costs O(N·D), so
 * without a bound a complete rewrite of a large file could take seconds to print.
 */
const MAX_EDIT_LENGTH = 2000;

const NO_NEWLINE_MARKER = '\\ No newline at end of file';

/**
 * Renders the created, modified and deleted entries of a ChangeSet as a git-style unified
 * diff (`diff --git` headers, file modes, 3 lines of context), in review order (source
 * rewrites, then configuration, then generated modules). The plain form is accepted by
 * `git apply` and yields exactly the bytes the writer writes.
 *
 * @example
 * import * as fs from 'node:fs';
 * import { migrate, formatUnifiedDiff } from 'lambdashift';
 * const { changes } = await migrate({ root: './service' });
 * fs.writeFileSync('migration.patch', formatUnifiedDiff(changes, { color: false })); // then `git apply migration.patch`
 * // per file: 'diff --git a/lambda/http/getApiUsers.ts b/lambda/http/getApiUsers.ts\nnew file mode 100644\n--- /dev/null\n…'
 */
export function formatUnifiedDiff(changes: ChangeSet, options: UnifiedDiffOptions): string {
  const colors = pc.createColors(options.color);
  return reviewOrder(changes, changes.pending())
    .map((change) => formatFileDiff(change, colors))
    .join('');
}

/** The `diff` printer: a RunResult's ChangeSet as a unified diff. */
export function createUnifiedDiffPrinter(options: UnifiedDiffOptions): Printer {
  return { name: 'diff', print: (result) => formatUnifiedDiff(result.changes, options) };
}

function formatFileDiff(change: FileChange, colors: Colors): string {
  const oldName = 'a/' + change.path;
  const newName = 'b/' + change.path;
  const before = change.status === 'created' ? '' : (change.before ?? '');
  const after = change.status === 'deleted' ? '' : (change.after ?? '');

  const header = [`diff --git ${quoteGitPath(oldName)} ${quoteGitPath(newName)}`];
  if (change.status === 'created') header.push(`new file mode ${gitMode(change.mode)}`);
  if (change.status === 'deleted') header.push(`deleted file mode ${gitMode(change.mode)}`);

  const hunks = diffHunks(before, after);
  // Like git, an empty file created or deleted has no ---/+++ lines and no hunks.
  if (hunks.length > 0) {
    header.push(`--- ${fileLabel(change.status === 'created' ? null : oldName)}`);
    header.push(`+++ ${fileLabel(change.status === 'deleted' ? null : newName)}`);
  }

  const out = header.map((line) => colors.bold(line));
  for (const hunk of hunks) {
    out.push(colors.cyan(`@@ -${hunkRange(hunk.oldStart, hunk.oldLines)} +${hunkRange(hunk.newStart, hunk.newLines)} @@`));
    for (const line of hunk.lines) out.push(colorLine(line, colors));
  }
  return out.join('\n') + '\n';
}

/** git only knows two modes for regular files; the owner's execute bit picks one. */
function gitMode(mode: number | undefined): string {
  return (mode ?? 0o644) & 0o100 ? '100755' : '100644';
}

/**
 * `---`/`+++` label. git appends a tab to names containing a space so that readers which
 * stop at whitespace still find the whole name.
 */
function fileLabel(name: string | null): string {
  if (name === null) return '/dev/null';
  const quoted = quoteGitPath(name);
  return quoted.includes(' ') ? quoted + '\t' : quoted;
}

/** Range in git's form: the count is omitted when 1; an empty range names the line before it. */
function hunkRange(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function colorLine(line: string, colors: Colors): string {
  switch (line[0]) {
    case '+':
      return colors.green(line);
    case '-':
      return colors.red(line);
    default:
      return line;
  }
}

function diffHunks(before: string, after: string): StructuredPatchHunk[] {
  const patch = structuredPatch('a', 'b', before, after, undefined, undefined, {
    context: CONTEXT_LINES,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  return patch ? patch.hunks : [replaceAllHunk(before, after)];
}

/** One hunk that removes every old line and adds every new one. */
function replaceAllHunk(before: string, after: string): StructuredPatchHunk {
  const removed = hunkLines('-', before);
  const added = hunkLines('+', after);
  return {
    oldStart: 1,
    oldLines: removed.count,
    newStart: 1,
    newLines: added.count,
    lines: [...removed.lines, ...added.lines],
  };
}

function hunkLines(prefix: string, text: string): { lines: string[]; count: number } {
  if (text === '') return { lines: [], count: 0 };
  const endsWithNewline = text.endsWith('\n');
  const parts = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  const lines = parts.map((part) => prefix + part);
  if (!endsWithNewline) lines.push(NO_NEWLINE_MARKER);
  return { lines, count: parts.length };
}
