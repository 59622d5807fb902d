/**
 * Small AST helpers shared by the transforms. jscodeshift's parsers all build on
 * @babel/parser, but `babel` turns on the `estree` plugin (`Literal`, `Property`,
 * `MethodDefinition`, ...) while `ts`/`tsx` produce Babel's own shapes (`StringLiteral`,
 * `ObjectProperty`, `ClassMethod`, ...), so every helper here accepts both.
 */

/** A parsed node, seen loosely: the transforms handle both Babel and ESTree shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNode = { type: string; [key: string]: any };

/** A 1-based source position, as the scanner and the reports use it. */
export interface Position {
  line: number;
  column: number;
}

/** A handler or call the transform would not touch, with a reason a person can act on. */
export interface Refusal extends Position {
  reason: string;
  /** The requested export name, when the caller named one. */
  exportName?: string;
}

/** Keys that hold metadata rather than child nodes. */
const SKIP_KEYS = new Set([
  'loc', 'start', 'end', 'range', 'extra', 'comments', 'leadingComments', 'trailingComments',
  'innerComments', 'tokens', 'original', 'type',
]);

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).type === 'string';
}

/** Child nodes of `node` with the key they sit under (arrays flattened, in source order). */
export function children(node: AnyNode): Array<{ key: string; child: AnyNode }> {
  const out: Array<{ key: string; child: AnyNode }> = [];
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push({ key, child: item });
    } else if (isNode(value)) {
      out.push({ key, child: value });
    }
  }
  return out;
}

/** Pre-order walk; return `false` from `visit` to skip a node's children. */
export function walk(node: AnyNode, visit: (node: AnyNode, parent: AnyNode | null) => boolean | void, parent: AnyNode | null = null): void {
  if (visit(node, parent) === false) return;
  for (const { child } of children(node)) walk(child, visit, node);
}

/** 1-based line and column of a parsed node's start. */
export function positionOf(node: AnyNode): Position {
  return { line: node.loc?.start.line ?? 0, column: (node.loc?.start.column ?? -1) + 1 };
}

/** Where a parenthesized expression's `(` starts, when the parser recorded it. */
export function parenStart(node: AnyNode): number | null {
  return node.extra?.parenthesized && typeof node.extra.parenStart === 'number' ? node.extra.parenStart : null;
}

export function contains(outer: AnyNode, inner: AnyNode): boolean {
  return typeof outer.start === 'number' && typeof inner.start === 'number' && outer.start <= inner.start && inner.end <= outer.end;
}

export const FUNCTION_TYPES = new Set([
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod',
  'ClassPrivateMethod', 'TSDeclareFunction', 'TSDeclareMethod',
]);

export function isFunction(node: AnyNode): boolean {
  return FUNCTION_TYPES.has(node.type);
}

export function isInlineFunction(node: AnyNode): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

export function isIdentifier(node: AnyNode | null | undefined, name?: string): boolean {
  return !!node && node.type === 'Identifier' && (name === undefined || node.name === name);
}

/** The value of a string literal or a template literal without expressions. */
export function stringValue(node: AnyNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? node.quasis[0].value.raw;
  return null;
}

export function isBooleanLiteral(node: AnyNode | null | undefined, value: boolean): boolean {
  if (!node) return false;
  return (node.type === 'BooleanLiteral' || node.type === 'Literal') && node.value === value;
}

/** `a.b` (not computed, not optional-chained through `?.[...]`): the property name, else null. */
export function memberName(node: AnyNode | null | undefined): string | null {
  if (!node || (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression')) return null;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  const value = node.computed ? stringValue(node.property) : null;
  return value;
}

/** Strips TS-only wrappers and ESTree's `ChainExpression` off an expression. */
export function unwrap(node: AnyNode): AnyNode {
  let n = node;
  while (
    n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' ||
    n.type === 'ChainExpression' || n.type === 'ParenthesizedExpression' || n.type === 'TSTypeAssertion'
  ) n = n.expression;
  return n;
}

export function isCall(node: AnyNode | null | undefined): boolean {
  return !!node && (node.type === 'CallExpression' || node.type === 'OptionalCallExpression');
}

/** `require('x')` with a literal specifier: the specifier, else null. */
export function requireSpecifier(node: AnyNode | null | undefined): string | null {
  if (!node || !isCall(node) || !isIdentifier(node.callee, 'require') || node.arguments.length !== 1) return null;
  return stringValue(node.arguments[0]);
}

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity')
    .split(' '),
);

export function isValidIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
}

/** Statements of the program body. */
export function programBody(program: AnyNode): AnyNode[] {
  return program.body as AnyNode[];
}

/** Index of the top-level statement that contains `node`, or -1. */
export function topLevelIndex(program: AnyNode, node: AnyNode): number {
  return programBody(program).findIndex((s) => contains(s, node));
}

/** `module.exports` (also `module['exports']`). */
export function isModuleExports(node: AnyNode | null | undefined): boolean {
  return !!node && memberName(node) === 'exports' && isIdentifier(node.object, 'module');
}

/** Whether the file uses ES module syntax (imports, exports, `import.meta`). */
export function hasEsmSyntax(program: AnyNode): boolean {
  let found = false;
  walk(program, (n) => {
    if (found) return false;
    if (/^(Import|Export\w*)Declaration$/.test(n.type) && n.type !== 'TSImportEqualsDeclaration') found = true;
    else if (n.type === 'MetaProperty' && n.meta?.name === 'import' && n.property?.name === 'meta') found = true;
    return undefined;
  });
  return found;
}

/** Whether the file uses CommonJS (`require(...)`, `module.exports`, `exports.x`). */
export function hasCjsSyntax(program: AnyNode): boolean {
  let found = false;
  walk(program, (n) => {
    if (found) return false;
    if (isCall(n) && isIdentifier(n.callee, 'require')) found = true;
    else if (isModuleExports(n)) found = true;
    else if ((n.type === 'MemberExpression') && isIdentifier(n.object, 'exports')) found = true;
    return undefined;
  });
  return found;
}

/** TypeScript's `export = x`, which forbids every other export in the file. */
export function findExportAssignment(program: AnyNode): AnyNode | null {
  return programBody(program).find((s) => s.type === 'TSExportAssignment') ?? null;
}

export function isTypeScriptPath(path: string): boolean {
  return /\.(ts|tsx|mts|cts)$/i.test(path);
}

/**
 * How this file declares its exports. ES syntax in the file wins (TypeScript compiled to
 * CommonJS still writes `export`); then CommonJS syntax; then the extension or the caller's
 * `moduleSystem`; TypeScript defaults to ES syntax, plain `.js` to CommonJS.
 */
export function exportStyle(program: AnyNode, path: string, moduleSystem?: unknown): 'esm' | 'cjs' {
  if (hasEsmSyntax(program)) return 'esm';
  if (hasCjsSyntax(program)) return 'cjs';
  if (/\.(mjs|mts)$/i.test(path)) return 'esm';
  if (/\.(cjs|cts)$/i.test(path)) return 'cjs';
  if (isTypeScriptPath(path)) return 'esm';
  return moduleSystem === 'esm' ? 'esm' : 'cjs';
}

/** The nodes from `root` down to `target`'s parent (found by source range), or null. */
export function ancestorsOf(root: AnyNode, target: AnyNode): AnyNode[] | null {
  const path: AnyNode[] = [];
  let node: AnyNode = root;
  for (;;) {
    if (node === target) return path;
    path.push(node);
    let next: AnyNode | null = null;
    for (const { child } of children(node)) {
      if (child === target) { next = child; break; }
      if (!next && contains(child, target)) next = child;
    }
    if (!next) return null;
    node = next;
  }
}

/** 1-based line/column for a character offset in `source`. */
export function offsetToPosition(source: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The character offset of a 1-based line/column in `source` (the inverse of {@link offsetToPosition}); -1 past the last line. */
export function positionToOffset(source: string, at: Position): number {
  let offset = 0;
  for (let l = 1; l < at.line; l++) {
    const nl = source.indexOf('\n', offset);
    if (nl === -1) return -1;
    offset = nl + 1;
  }
  return offset + at.column - 1;
}

/**
 * Fills in `loc` where the parser left it out (Babel's ESTree mode drops it on some nodes,
 * such as class method functions), so every node can be reported by line and column.
 */
export function ensureLocations(program: AnyNode, source: string): void {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] };
  };
  walk(program, (n) => {
    if (!n.loc && typeof n.start === 'number' && typeof n.end === 'number') n.loc = { start: at(n.start), end: at(n.end) };
  });
}
