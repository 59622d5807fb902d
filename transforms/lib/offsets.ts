/**
 * Positions in the text as the author wrote it. jscodeshift parses through recast, which hands
 * the parser a normalised copy of the source: line breaks become `os.EOL` and each line's
 * leading whitespace becomes spaces (tabs to 4-column stops, recast's default `tabWidth`, which
 * jscodeshift does not override). Node offsets and columns point into that copy, so in a file
 * with CRLF line endings or tab indentation, text edits made from them land in the wrong place.
 * Line numbers are the same in both, which is what the mapping below rests on.
 */
import * as os from 'node:os';
import { type AnyNode, walk } from './ast';

const TAB_WIDTH = 4;
/** recast's line terminators (ECMAScript's). */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g;

/** Width recast gives a line's leading whitespace (its `countSpaces`). */
function indentWidth(lead: string): number {
  let count = 0;
  for (const ch of lead) {
    if (ch === '\t') count = (Math.floor(count / TAB_WIDTH) + 1) * TAB_WIDTH;
    else if (ch !== '\v' && ch !== '\f' && ch !== '\r' && ch !== '\ufeff') count++;
  }
  return count;
}

interface LineInfo {
  /** Offset of the line in the original text. */
  start: number;
  /** Length of its leading whitespace in the original, and its width in recast's copy. */
  lead: number;
  width: number;
  /** Offset of the line in recast's copy. */
  copyStart: number;
}

function lineTable(source: string): LineInfo[] {
  const lines: LineInfo[] = [];
  let start = 0;
  let copyStart = 0;
  const add = (end: number): void => {
    const lead = /^\s*/.exec(source.slice(start, end))?.[0] ?? '';
    const width = indentWidth(lead);
    lines.push({ start, lead: lead.length, width, copyStart });
    copyStart += width + (end - start - lead.length) + os.EOL.length;
  };
  for (const m of source.matchAll(LINE_BREAK)) {
    add(m.index ?? 0);
    start = (m.index ?? 0) + m[0].length;
  }
  add(source.length);
  return lines;
}

/** Whether recast's copy of `source` is the source itself: `\n` line breaks, indentation of plain spaces. */
function copiedUnchanged(source: string): boolean {
  return os.EOL === '\n' && !/[\r\u2028\u2029]/.test(source) && !/^ *[^\S \n]/m.test(source);
}

/**
 * Rewrites `start`/`end`, `loc` columns and `extra.parenStart` of every node and comment under
 * `program` to refer to `source` itself. Call it right after parsing, before anything reads
 * positions; a file recast copies unchanged is left alone.
 */
export function rebaseToSource(program: AnyNode, source: string): void {
  if (copiedUnchanged(source)) return;
  const lines = lineTable(source);
  const fromLineColumn = (line: number, column: number): { offset: number; column: number } => {
    const info = lines[Math.min(Math.max(line - 1, 0), lines.length - 1)];
    const col = column >= info.width ? info.lead + column - info.width : Math.min(column, info.lead);
    return { offset: info.start + col, column: col };
  };
  const fromCopyOffset = (offset: number): number => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].copyStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    return fromLineColumn(lo + 1, offset - lines[lo].copyStart).offset;
  };
  const done = new Set<AnyNode>();
  const rebase = (n: AnyNode): void => {
    if (done.has(n)) return;
    done.add(n);
    const loc = n.loc;
    if (loc?.start && loc?.end) {
      // New objects: Babel shares Position objects between nodes that start at the same place.
      const start = fromLineColumn(loc.start.line, loc.start.column);
      const end = fromLineColumn(loc.end.line, loc.end.column);
      n.loc = { ...loc, start: { line: loc.start.line, column: start.column }, end: { line: loc.end.line, column: end.column } };
      n.start = start.offset;
      n.end = end.offset;
    } else if (typeof n.start === 'number' && typeof n.end === 'number') {
      n.start = fromCopyOffset(n.start);
      n.end = fromCopyOffset(n.end);
    }
    if (typeof n.extra?.parenStart === 'number') n.extra = { ...n.extra, parenStart: fromCopyOffset(n.extra.parenStart) };
  };
  walk(program, (n) => {
    rebase(n);
    for (const c of (n.comments ?? []) as AnyNode[]) rebase(c);
  });
}
