/**
 * extract-inline-handlers: moves inline route handlers and inline middleware instances into
 * named exports of the same file, so a generated Lambda module can import them.
 *
 * Before (ES modules / TypeScript):
 *
 *     import express from 'express';
 *     import rateLimit from 'express-rate-limit';
 *     const router = express.Router();
 *     router.post('/login', rateLimit({ windowMs: 1000 }), async (req, res) => {
 *       res.json(await login(req.body));
 *     });
 *     export default router;
 *
 * After:
 *
 *     import express from 'express';
 *     import rateLimit from 'express-rate-limit';
 *     const router = express.Router();
 *     export const postLoginRateLimit = rateLimit({ windowMs: 1000 });
 *     export const postLogin = async (req, res) => {
 *       res.json(await login(req.body));
 *     };
 *     router.post('/login', postLoginRateLimit, postLogin);
 *     export default router;
 *
 * CommonJS files (they use `require`/`module.exports` and no import/export) get
 * `const postLogin = ...;` before the registration and `module.exports.postLogin = postLogin;`
 * as the file's last statement: `exports.x = ...` would be lost when the file later does
 * `module.exports = router`, while an assignment onto `module.exports` after everything else
 * reaches whatever object is finally exported.
 *
 * The declaration goes right before the top-level statement holding the registration, so the
 * imports and constants the expression uses are declared before it. (When that statement is a
 * hoisted `function` declaration that earlier code calls, it goes before that earlier code.)
 *
 * Options:
 * - `extract?: Array<{ line, column, exportName }>`: 1-based start of each expression to
 *   extract (an arrow/function expression or a call such as `express.json()`) and its export
 *   name. Without it, every inline function or call argument of `app|router.METHOD(...)`,
 *   `.use(...)` and `.route(path).METHOD(...)` is extracted under a name made from the method and
 *   path (`getUsersById`, `postUsers`, `useMiddleware1`, `jsonMiddleware`, `errorHandler` for a
 *   four-parameter `use`), unique in the file and never shadowing or shadowed by another name.
 * - `moduleSystem?: 'esm' | 'cjs'`: only consulted when the file's syntax does not tell.
 *
 * Refused (left in place, reported with `api.report`, and listed by `analyzeExtraction`): an
 * expression that uses a variable of an enclosing function or block (a parameter, a local, a
 * loop variable), `this`/`arguments`/`super` of an enclosing function, or a module-level
 * `let`/`const`/`class` that is not yet initialised where the declaration would go; a
 * middleware instance created inside a function, a condition or a loop (hoisting it would
 * create it once at load time instead); a name already used in the file; a file with
 * TypeScript's `export =`.
 */
import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Position, type Refusal, ancestorsOf, contains, exportStyle, findExportAssignment, isCall,
  isFunction, isIdentifier, isInlineFunction, isTypeScriptPath, isValidIdentifier, memberName, offsetToPosition,
  parenStart, positionOf, programBody, topLevelIndex, unwrap,
} from './lib/ast';
import { type Edit, applyEdits, eol, leadingStart, lineIndent, reindent, usesSemicolons } from './lib/edits';
import { appendStatements, cjsExportLine, cjsExportProblem } from './lib/exports';
import { parseForEdits } from './lib/parse';
import { type Registration, findRegistrations, isMountCall } from './lib/registrations';
import { type Binding, type ScopeAnalysis, analyzeScopes } from './lib/scope';

export interface ExtractRequest extends Position {
  exportName: string;
}

export interface ExtractOptions {
  extract?: ExtractRequest[];
  moduleSystem?: 'esm' | 'cjs';
}

export interface Extraction extends Position {
  exportName: string;
  kind: 'function' | 'call';
}

export interface ExtractionAnalysis {
  /** What the transform extracts, in source order. */
  extractable: Extraction[];
  refusals: Refusal[];
}

interface Candidate {
  node: AnyNode;
  /** The registration (or other call) the expression is an argument of. */
  call: AnyNode;
  container: AnyNode[];
  index: number;
  exportName: string;
}

interface Planned extends Candidate {
  /** The top-level statement the declaration goes before. */
  before: AnyNode;
  /** Type for the declaration when the function's parameters relied on contextual typing. */
  type: HandlerType | null;
}

/** A type annotation's text; the imports it needs are collected in the plan. */
interface HandlerType {
  text: string;
}

interface Plan {
  style: 'esm' | 'cjs';
  /** `import type { name } from 'source'` statements the annotations need. */
  typeImports: Array<[string, string]>;
  /** Whether the file ends its statements with semicolons (most do). */
  semicolons: boolean;
  planned: Planned[];
  refusals: Refusal[];
}

/** Ancestors between a top-level statement and an eagerly created middleware instance that keep it run-once-at-load. */
const STRAIGHT_LINE = new Set([
  'Program', 'ExpressionStatement', 'VariableDeclaration', 'VariableDeclarator', 'ExportNamedDeclaration',
  'ExportDefaultDeclaration', 'CallExpression', 'OptionalCallExpression', 'MemberExpression',
  'OptionalMemberExpression', 'ArrayExpression', 'AwaitExpression', 'ChainExpression', 'TSAsExpression',
  'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression', 'AssignmentExpression',
]);

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function camelWords(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map(cap).join('');
}

/** `/users/:id/posts` → `UsersByIdPosts`; `/` → `Root`. */
export function pathName(path: string): string {
  const parts: string[] = [];
  for (const raw of path.replace(/[{}]/g, '').split('/')) {
    const seg = raw.replace(/\(.*?\)/g, '');
    if (!seg) continue;
    if (seg.startsWith(':')) parts.push(`By${camelWords(seg.slice(1))}`);
    else if (seg === '*') parts.push('Any');
    else if (seg.startsWith('*')) parts.push(`By${camelWords(seg.slice(1))}`);
    else parts.push(camelWords(seg));
  }
  const name = parts.join('');
  return name || 'Root';
}

/** `express.json()` → `json`; `rateLimit({...})` → `rateLimit`. */
function calleeName(call: AnyNode): string {
  const callee = unwrap(call.callee);
  const name = isIdentifier(callee) ? callee.name : memberName(callee);
  const clean = name ? name.replace(/[^A-Za-z0-9_$]/g, '') : '';
  return clean && /^[A-Za-z_$]/.test(clean) ? clean.charAt(0).toLowerCase() + clean.slice(1) : 'middleware';
}

class NamePool {
  private readonly counters = new Map<string, number>();
  constructor(private readonly taken: Set<string>) {}

  /** `base`, else `base2`, `base3`, ...; a base ending in a counter placeholder gets 1, 2, ... */
  unique(base: string, numbered = false): string {
    let n = numbered ? (this.counters.get(base) ?? 0) + 1 : 1;
    let name = numbered ? `${base}${n}` : base;
    while (this.taken.has(name) || !isValidIdentifier(name)) {
      n++;
      name = `${base}${n}`;
    }
    if (numbered) this.counters.set(base, n);
    this.taken.add(name);
    return name;
  }
}

function isExtractable(node: AnyNode): boolean {
  return isInlineFunction(node) || (isCall(node) && !isMountCall(node));
}

/** Standalone mode: one candidate per inline function or call handed to a registration. */
function standaloneCandidates(registrations: Registration[], names: NamePool): Candidate[] {
  const out: Candidate[] = [];
  for (const r of registrations) {
    const path = r.path === null ? (r.hasPath ? 'Route' : '') : pathName(r.path);
    const base = `${r.method}${path}`;
    r.handlers.forEach((slot, i) => {
      const node = slot.node;
      if (!isExtractable(node)) return;
      if (out.some((c) => contains(c.node, node))) return;
      const isLast = i === r.handlers.length - 1;
      let exportName: string;
      if (r.method === 'use') {
        if (isCall(node)) exportName = path ? names.unique(`use${path}${cap(calleeName(node))}`) : names.unique(`${calleeName(node)}Middleware`);
        else if (node.params.length === 4) exportName = names.unique(`${path ? `use${path}` : ''}${path ? 'ErrorHandler' : 'errorHandler'}`);
        else exportName = names.unique(`use${path}Middleware`, true);
      } else if (isLast) {
        exportName = names.unique(base);
      } else {
        exportName = isCall(node) ? names.unique(`${base}${cap(calleeName(node))}`) : names.unique(`${base}Middleware`, true);
      }
      out.push({ node, call: r.call, container: slot.container, index: slot.index, exportName });
    });
  }
  return out;
}

/** Every argument position in the file (call/new arguments and array elements inside them). */
function argumentSlots(program: AnyNode): Array<Omit<Candidate, 'exportName'>> {
  const slots: Array<Omit<Candidate, 'exportName'>> = [];
  const visit = (n: AnyNode): void => {
    if (isCall(n) || n.type === 'NewExpression') {
      n.arguments.forEach((arg: AnyNode, i: number) => {
        slots.push({ node: arg, call: n, container: n.arguments, index: i });
        if (arg.type === 'ArrayExpression') {
          arg.elements.forEach((e: AnyNode | null, k: number) => { if (e) slots.push({ node: e, call: n, container: arg.elements, index: k }); });
        }
      });
    }
  };
  const stack: AnyNode[] = [program];
  while (stack.length) {
    const n = stack.pop() as AnyNode;
    visit(n);
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'tokens' || key === 'comments' || key === 'extra') continue;
      const v = n[key];
      if (Array.isArray(v)) for (const c of v) { if (c && typeof c.type === 'string') stack.push(c); }
      else if (v && typeof v.type === 'string') stack.push(v);
    }
  }
  return slots;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.column === b.column;
}

/** Explicit mode: the scanner's positions, matched to argument slots. */
function requestedCandidates(
  program: AnyNode, source: string, requests: ExtractRequest[], scopes: ScopeAnalysis, refusals: Refusal[],
): Candidate[] {
  const slots = argumentSlots(program);
  const out: Candidate[] = [];
  for (const req of requests) {
    const slot = slots.find((s) => {
      if (samePosition(positionOf(s.node), req)) return true;
      const p = parenStart(s.node);
      return p !== null && samePosition(offsetToPosition(source, p), req);
    });
    const done = scopes.module.bindings.has(req.exportName);
    if (!slot || !isExtractable(slot.node)) {
      // After a first run the position holds the new name (or nothing): nothing left to do.
      if (done || (slot && isIdentifier(slot.node, req.exportName))) continue;
      refusals.push({ ...req, reason: slot ? 'the expression here is not an inline function or a call' : 'no inline function or call expression starts here' });
      continue;
    }
    if (!isValidIdentifier(req.exportName)) {
      refusals.push({ ...req, reason: `\`${req.exportName}\` is not a valid identifier` });
      continue;
    }
    // `function whoAmI(req, res) {}` may keep its own name: it binds nothing at module scope.
    const ownName = (slot.node as { id?: { name?: string } | null }).id?.name === req.exportName && !scopes.module.bindings.has(req.exportName);
    if ((scopes.allNames.has(req.exportName) && !ownName) || out.some((c) => c.exportName === req.exportName)) {
      refusals.push({ ...req, reason: `the name \`${req.exportName}\` is already used in this file` });
      continue;
    }
    out.push({ ...slot, exportName: req.exportName });
  }
  return out.sort((a, b) => a.node.start - b.node.start);
}

function hasTypeAnnotation(param: AnyNode): boolean {
  if (param.type === 'AssignmentPattern') return hasTypeAnnotation(param.left);
  if (param.type === 'TSParameterProperty') return hasTypeAnnotation(param.parameter);
  return !!param.typeAnnotation;
}

/** Local names under which the file imports from `source`: default/namespace and named. */
function importsFrom(program: AnyNode, source: string): { namespace: string | null; named: Map<string, string> } {
  let namespace: string | null = null;
  const named = new Map<string, string>();
  for (const s of programBody(program)) {
    if (s.type !== 'ImportDeclaration' || s.source.value !== source) continue;
    for (const spec of s.specifiers ?? []) {
      if (spec.type === 'ImportDefaultSpecifier' || spec.type === 'ImportNamespaceSpecifier') namespace ??= spec.local.name;
      else if (spec.type === 'ImportSpecifier') named.set(spec.imported.name ?? spec.imported.value, spec.local.name);
    }
  }
  return { namespace, named };
}

/** A type name from `source`: through the file's default/namespace import, a named import, or a new `import type`. */
function typeName(program: AnyNode, source: string, name: string, taken: Set<string>, imports: Array<[string, string]>): string | null {
  const existing = importsFrom(program, source);
  const local = existing.named.get(name);
  if (local) return local;
  if (existing.namespace) return `${existing.namespace}.${name}`;
  if (taken.has(name) && !imports.some(([f, n]) => f === source && n === name)) return null;
  imports.push([source, name]);
  return name;
}

/** The package whose class constructed the registration's receiver (`new Koa()`, `new Router()`). */
function receiverPackage(call: AnyNode, scopes: ScopeAnalysis): string | null {
  let obj = unwrap(call.callee?.object ?? call);
  while (isCall(obj) && obj.callee.object) obj = unwrap(obj.callee.object);
  if (!isIdentifier(obj)) return null;
  const decl = scopes.module.bindings.get(obj.name)?.declaration;
  if (decl?.type !== 'VariableDeclaration') return null;
  for (const d of decl.declarations) {
    const init = d.init ? unwrap(d.init) : null;
    if (!isIdentifier(d.id, obj.name) || init?.type !== 'NewExpression' || !isIdentifier(init.callee)) continue;
    const b = scopes.module.bindings.get(init.callee.name);
    if (b?.declaration.type === 'ImportDeclaration') return b.declaration.source.value;
  }
  return null;
}

/**
 * In TypeScript an inline handler's unannotated parameters were typed by the registration
 * (contextual typing); a standalone `const` loses that and fails `--strict` (implicit any).
 * Such declarations get the framework's handler type: Express `RequestHandler` (or
 * `ErrorRequestHandler` for four parameters); Koa `Middleware`, for router handlers with the
 * `params` the router adds (spelled with koa's own types, which every router version accepts).
 * Null when no annotation is needed; 'unknown' when one is needed but the file does not say
 * which framework it uses.
 */
function handlerTypeFor(
  c: Candidate, program: AnyNode, scopes: ScopeAnalysis, path: string, imports: Array<[string, string]>,
): HandlerType | null | 'unknown' {
  if (!isTypeScriptPath(path) || !isInlineFunction(c.node) || c.node.params.every(hasTypeAnnotation)) return null;
  const has = (pkg: string): boolean => programBody(program).some((s) => s.type === 'ImportDeclaration' && s.source.value === pkg);
  const taken = scopes.allNames;
  const attempt: Array<[string, string]> = [];
  let text: string | null = null;
  if (has('express')) {
    text = typeName(program, 'express', c.node.params.length === 4 ? 'ErrorRequestHandler' : 'RequestHandler', taken, attempt);
  } else if (has('koa') || has('@koa/router') || has('koa-router')) {
    const middleware = typeName(program, 'koa', 'Middleware', taken, attempt);
    if (receiverPackage(c.call, scopes) === 'koa') {
      text = middleware;
    } else if (memberName(c.call.callee) === 'param' && c.node.params.length >= 2) {
      // `router.param('id', (id, ctx, next) => ...)`: a param middleware, not a Middleware.
      // Any context wider than the router's own is accepted (parameters are contravariant).
      const parameterized = typeName(program, 'koa', 'ParameterizedContext', taken, attempt);
      const state = typeName(program, 'koa', 'DefaultState', taken, attempt);
      const context = typeName(program, 'koa', 'DefaultContext', taken, attempt);
      const next = typeName(program, 'koa', 'Next', taken, attempt);
      text = parameterized && state && context && next
        ? `(value: string, ctx: ${parameterized}<${state}, ${context} & { params: Record<string, string> }>, next: ${next}) => unknown`
        : null;
    } else {
      const state = typeName(program, 'koa', 'DefaultState', taken, attempt);
      const context = typeName(program, 'koa', 'DefaultContext', taken, attempt);
      text = middleware && state && context ? `${middleware}<${state}, ${context} & { params: Record<string, string> }>` : null;
    }
  } else {
    return 'unknown';
  }
  if (!text) return 'unknown';
  for (const i of attempt) if (!imports.some(([f, n]) => f === i[0] && n === i[1])) imports.push(i);
  return { text };
}

function bindingWhere(b: Binding, scopes: ScopeAnalysis): string {
  const line = positionOf(b.id).line;
  const scope = b.scope;
  if (scope.kind === 'function') {
    const fnName = scopes.functionNames.get(scope.node);
    const what = b.kind === 'param' ? 'a parameter' : 'a local variable';
    return `${what} of the enclosing function${fnName ? ` \`${fnName}\`` : ''} (line ${line})`;
  }
  if (scope.kind === 'catch') return `the enclosing catch clause's error variable (line ${line})`;
  if (scope.kind === 'class') return `the enclosing class's own name or type parameter (line ${line})`;
  return `declared in an enclosing block (line ${line})`;
}

/** First reason the expression cannot move to the top level before `before`, or null. */
function hoistProblem(
  node: AnyNode, program: AnyNode, scopes: ScopeAnalysis, beforeIndex: number,
): string | null {
  const body = programBody(program);
  const ancestors = ancestorsOf(program, node) ?? [];
  const isCallExpr = !isInlineFunction(node);
  if (isCallExpr) {
    const off = ancestors.find((a) => !STRAIGHT_LINE.has(a.type));
    if (off) {
      const where = isFunction(off) ? 'inside a function'
        : /^Class/.test(off.type) ? 'inside a class'
        : off.type === 'IfStatement' || off.type === 'ConditionalExpression' || off.type === 'LogicalExpression' ? 'under a condition'
        : /^(For|While|DoWhile)/.test(off.type) ? 'inside a loop'
        : 'inside a block';
      return `the middleware instance is created ${where} (line ${positionOf(off).line}); extracting it would create it once when the module loads`;
    }
  }
  for (const ref of scopes.references) {
    if (!contains(node, ref.id) || !ref.binding) continue;
    const b = ref.binding;
    if (contains(node, b.scope.node)) continue;
    if (b.scope.kind !== 'module') return `it uses \`${ref.name}\`, ${bindingWhere(b, scopes)}, which does not exist at the top level`;
    if (ref.isType || !['let', 'const', 'using', 'class'].includes(b.kind)) continue;
    // Only code that runs while the declaration is evaluated can hit the temporal dead zone;
    // function bodies run later, when every top-level binding is initialised.
    const eager = !(ancestorsOf(node, ref.id) ?? []).some((a, i) => i > 0 && isFunction(a)) && !isFunction(node);
    const declIndex = body.indexOf(b.declaration);
    if (eager && declIndex >= beforeIndex) {
      return `it reads \`${ref.name}\` (declared on line ${positionOf(b.id).line}) when it is created, before that declaration runs`;
    }
  }
  for (const use of scopes.contextUses) {
    if (!contains(node, use.node) || contains(node, use.owner) || use.owner === program) continue;
    const owner = use.owner;
    const ownerName = scopes.functionNames.get(owner) ?? (owner.key && !owner.computed ? owner.key.name : null);
    const isMethod = /Method/.test(owner.type) || (scopes.functionNames.has(owner) && owner.type === 'FunctionExpression' && !owner.id);
    const what = isMethod ? 'method' : isFunction(owner) ? 'function' : 'class field';
    return `it uses \`${use.kind}\` of the enclosing ${what}${ownerName ? ` \`${ownerName}\`` : ''} (line ${positionOf(owner).line})`;
  }
  return null;
}

/**
 * Where the declaration goes: before the top-level statement holding the registration, or,
 * when that statement is a hoisted function declaration, before the first top-level statement
 * that can call it (directly or through other hoisted functions).
 */
function insertionIndex(program: AnyNode, statementIndex: number, scopes: ScopeAnalysis): number {
  const body = programBody(program);
  const fnName = (s: AnyNode): string | null => {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    return d?.type === 'FunctionDeclaration' && d.id ? d.id.name : null;
  };
  const first = fnName(body[statementIndex]);
  if (!first) return statementIndex;
  const reaches = new Set([first]);
  const refsIn = (s: AnyNode): Set<string> => new Set(
    scopes.references.filter((r) => r.binding?.scope === scopes.module && contains(s, r.id)).map((r) => r.name),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const s of body) {
      const name = fnName(s);
      if (!name || reaches.has(name)) continue;
      if ([...refsIn(s)].some((n) => reaches.has(n))) { reaches.add(name); changed = true; }
    }
  }
  let index = statementIndex;
  body.forEach((s, i) => {
    if (i < index && !reaches.has(fnName(s) ?? '') && [...refsIn(s)].some((n) => reaches.has(n))) index = i;
  });
  return index;
}

function plan(program: AnyNode, source: string, path: string, options: ExtractOptions): Plan {
  const scopes = analyzeScopes(program);
  const style = exportStyle(program, path, options.moduleSystem);
  const refusals: Refusal[] = [];
  const exportAssignment = findExportAssignment(program);
  let candidates: Candidate[];
  if (options.extract) {
    candidates = requestedCandidates(program, source, options.extract, scopes, refusals);
  } else {
    candidates = standaloneCandidates(findRegistrations(program, scopes), new NamePool(new Set(scopes.allNames)));
  }
  const planned: Planned[] = [];
  const typeImports: Array<[string, string]> = [];
  for (const c of candidates) {
    const at = positionOf(c.node);
    if (exportAssignment) {
      refusals.push({ ...at, reason: `the file uses \`export =\` (line ${positionOf(exportAssignment).line}), which allows no other export` });
      continue;
    }
    if (planned.some((p) => contains(p.node, c.node))) {
      refusals.push({ ...at, reason: 'it sits inside another expression that is being extracted' });
      continue;
    }
    const statementIndex = topLevelIndex(program, c.node);
    const index = insertionIndex(program, statementIndex, scopes);
    let problem = hoistProblem(c.node, program, scopes, index) ?? (style === 'cjs' ? cjsExportProblem(program, c.exportName) : null);
    const type = problem ? null : handlerTypeFor(c, program, scopes, path, typeImports);
    if (type === 'unknown') problem = 'its parameters have no type annotations and the file imports no express/koa types to annotate it with';
    if (problem) {
      refusals.push({ ...at, reason: `cannot extract \`${c.exportName}\`: ${problem}` });
      continue;
    }
    planned.push({ ...c, before: programBody(program)[index], type: type === 'unknown' ? null : type });
  }
  return { style, typeImports, semicolons: usesSemicolons(program, source), planned, refusals };
}

/** Statements that must start with `;` when the previous line has none (no-semicolon style). */
const ASI_HAZARD = /^[([`+\-/]/;

function apply(source: string, program: AnyNode, comments: AnyNode[], p: Plan): string {
  const nl = eol(source);
  const edits: Edit[] = [];
  const typeImports = new Map<string, string[]>();
  for (const [from, name] of p.typeImports) typeImports.set(from, [...(typeImports.get(from) ?? []), name]);
  for (const item of p.planned) {
    const { node, before } = item;
    // Comments above the registration describe the code that moves out of it: they stay above
    // the declaration (which the registration then follows). A statement the declaration only
    // has to precede (a hoisted function's caller) keeps its comments.
    const at = before.type === 'ExpressionStatement' && contains(before, item.call) ? before.start : leadingStart(source, before, comments);
    const indent = lineIndent(source, at);
    const text = reindent(source, node.start, node.end, lineIndent(source, node.start), indent, [node]);
    const type = item.type ? `: ${item.type.text}` : '';
    const semi = p.semicolons || ASI_HAZARD.test(source.slice(before.start, before.end)) ? ';' : '';
    const keyword = p.style === 'esm' ? 'export const' : 'const';
    edits.push({ start: at, end: at, text: `${keyword} ${item.exportName}${type} = ${text}${semi}${nl}${indent}` });
    edits.push({ start: node.start, end: node.end, text: item.exportName });
  }
  if (typeImports.size) {
    const imports = programBody(program).filter((s) => s.type === 'ImportDeclaration');
    const last = imports[imports.length - 1];
    const lines = [...typeImports].map(([from, names]) => `import type { ${[...names].sort().join(', ')} } from '${from}';`);
    if (last) edits.push({ start: last.end, end: last.end, text: lines.map((l) => nl + l).join('') });
    else edits.push({ start: 0, end: 0, text: lines.map((l) => l + nl).join('') });
  }
  let out = applyEdits(source, edits);
  if (p.style === 'cjs') out = appendStatements(out, p.planned.map((item) => cjsExportLine(item.exportName, p.semicolons)));
  return out;
}

function describe(r: Refusal): string {
  return `${r.line}:${r.column}: ${r.reason}`;
}

/** What the transform would extract and refuse in `source`, without changing it. */
export function analyzeExtraction(
  source: string, parser: string = 'tsx', options: ExtractOptions & { path?: string } = {},
): ExtractionAnalysis {
  const { program } = parseForEdits(source, jscodeshift.withParser(parser));
  const p = plan(program, source, options.path ?? (parser.startsWith('ts') ? 'file.ts' : 'file.js'), options);
  return {
    extractable: p.planned.map((item) => ({
      ...positionOf(item.node), exportName: item.exportName, kind: isInlineFunction(item.node) ? 'function' : 'call',
    })),
    refusals: p.refusals,
  };
}

export default function extractInlineHandlers(file: FileInfo, api: API, options: Options): string | undefined {
  const { program, comments } = parseForEdits(file.source, api.jscodeshift);
  const p = plan(program, file.source, file.path, options as ExtractOptions);
  for (const r of p.refusals) api.report?.(describe(r));
  if (!p.planned.length) return undefined;
  return apply(file.source, program, comments, p);
}
