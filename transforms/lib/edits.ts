/**
 * Text edits on the original source. The transforms parse with jscodeshift but write their
 * changes as edits to the original text, so that everything they do not touch (blank lines,
 * quotes, semicolons, comments) stays byte for byte as the author wrote it.
 */
import { type AnyNode, programBody, walk } from './ast';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; edits at the same offset keep their given order. */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/** The file's line terminator. */
export function eol(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(source: string, offset: number): string {
  const start = lineStart(source, offset);
  return /^[ \t]*/.exec(source.slice(start))?.[0] ?? '';
}

/** One level of indentation as the file uses it: a tab, or the smallest run of spaces (default two). */
export function indentUnit(source: string): string {
  let smallest = 0;
  for (const m of source.matchAll(/\n([ \t]+)\S/g)) {
    if (m[1].startsWith('\t')) return '\t';
    if (!smallest || m[1].length < smallest) smallest = m[1].length;
  }
  return ' '.repeat(smallest >= 2 && smallest <= 8 ? smallest : 2);
}

/** Ranges of template-literal text inside `node`, whose line breaks belong to a string. */
function templateRanges(node: AnyNode): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  walk(node, (n) => {
    if (n.type === 'TemplateElement') ranges.push([n.start, n.end]);
    else if (n.type === 'JSXText') ranges.push([n.start, n.end]);
  });
  return ranges;
}

/**
 * The source text from `start` to `end` with every line after the first re-indented: a
 * leading `from` becomes `to` (`from` = '' just prefixes `to`). Lines that continue a
 * template literal are left alone, since their whitespace is part of a string.
 */
export function reindent(source: string, start: number, end: number, from: string, to: string, nodes: AnyNode[]): string {
  const ranges = nodes.flatMap(templateRanges);
  const insideString = (offset: number): boolean => ranges.some(([s, e]) => offset > s && offset <= e);
  let out = '';
  let at = start;
  for (let nl = source.indexOf('\n', start); nl !== -1 && nl < end; nl = source.indexOf('\n', nl + 1)) {
    const next = nl + 1;
    out += source.slice(at, next);
    at = next;
    if (insideString(next)) continue;
    const lineEnd = source.indexOf('\n', next);
    const blank = /^\s*$/.test(source.slice(next, lineEnd === -1 ? source.length : lineEnd).replace(/\r$/, ''));
    if (blank) continue;
    if (from && source.startsWith(from, next)) at = next + from.length;
    else if (from) continue;
    out += to;
  }
  return out + source.slice(at, end);
}

/**
 * Where a statement's own leading comments start (or the statement itself), for inserting
 * code above it. `comments` are all the file's comments. A comment belongs to the statement
 * when it opens its own line and no blank line separates them.
 */
export function leadingStart(source: string, node: AnyNode, comments: AnyNode[]): number {
  let start = node.start;
  for (const c of [...comments].filter((c) => c.end <= node.start).sort((a, b) => b.start - a.start)) {
    const between = source.slice(c.end, start);
    if (between.trim() !== '' || (between.match(/\n/g)?.length ?? 0) > 1) break;
    if (source.slice(lineStart(source, c.start), c.start).trim() !== '') break;
    start = c.start;
  }
  return start;
}

/** Whether most simple top-level statements end with `;` (true when there are none). */
export function usesSemicolons(program: AnyNode, source: string): boolean {
  const simple = programBody(program).filter((s) => /^(ExpressionStatement|VariableDeclaration|ImportDeclaration)$/.test(s.type));
  const withSemi = simple.filter((s) => source.slice(s.start, s.end).trimEnd().endsWith(';')).length;
  return simple.length === 0 || withSemi * 2 >= simple.length;
}
