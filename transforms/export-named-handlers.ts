/**
 * export-named-handlers: exports route handlers and middleware that are registered by name
 * but not exported, so a generated Lambda module can import them.
 *
 * Before (ES modules / TypeScript):
 *
 *     import { Router } from 'express';
 *     function listUsers(req, res) { res.json([]); }
 *     const requireAuth = (req, res, next) => next();
 *     const a = 1, showUser = (req, res) => res.json({ id: req.params.id });
 *     const router = Router();
 *     router.get('/users', requireAuth, listUsers);
 *     router.get('/users/:id', requireAuth, showUser);
 *     export default router;
 *
 * After:
 *
 *     import { Router } from 'express';
 *     export function listUsers(req, res) { res.json([]); }
 *     export const requireAuth = (req, res, next) => next();
 *     const a = 1, showUser = (req, res) => res.json({ id: req.params.id });
 *     const router = Router();
 *     router.get('/users', requireAuth, listUsers);
 *     router.get('/users/:id', requireAuth, showUser);
 *     export default router;
 *     export { showUser };
 *
 * The `export` keyword goes on the declaration when it declares that name alone; a name that
 * shares its declaration with others (or is declared inside a top-level block) is exported by
 * one `export { ... };` at the end. CommonJS files get `module.exports.name = name;` as the
 * last statements: earlier `exports.name = ...` would be lost when the file later does
 * `module.exports = router`, while an assignment after everything else reaches whatever
 * object is finally exported.
 *
 * Options:
 * - `names?: string[]`: the local names to export. Without it: every identifier handed to an
 *   `app|router.METHOD(...)` / `.use(...)` / `.route(path).METHOD(...)` registration (for
 *   `controller.list`, the object `controller`) that is declared in this file and not exported,
 *   except routers and apps (mounted, not handlers).
 * - `moduleSystem?: 'esm' | 'cjs'`: only consulted when the file's syntax does not tell.
 *
 * Names that are already exported are left alone; imported names are skipped (they are
 * importable from their origin). With explicit `names`, a name that is imported, not declared
 * at the top level, or cannot be added safely is reported with `api.report`.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Refusal, exportStyle, findExportAssignment, isIdentifier, positionOf, programBody,
  requireSpecifier, unwrap,
} from './lib/ast';
import { applyEdits, usesSemicolons } from './lib/edits';
import { appendStatements, cjsExportLine, cjsExportProblem, exportedLocals } from './lib/exports';
import { parseForEdits } from './lib/parse';
import { findRegistrations, isRouterName } from './lib/registrations';
import { type ScopeAnalysis, analyzeScopes, patternNames } from './lib/scope';

export interface ExportNamesOptions {
  names?: string[];
  moduleSystem?: 'esm' | 'cjs';
}

/** The local names registrations hand over by name, in source order. */
function registeredNames(program: AnyNode, scopes: ScopeAnalysis): string[] {
  const names: string[] = [];
  for (const r of findRegistrations(program, scopes)) {
    for (const slot of r.handlers) {
      let n = unwrap(slot.node);
      while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') n = unwrap(n.object);
      // Routers handed to `use` are mounts, not handlers: the scanner follows them instead.
      if (isIdentifier(n) && !names.includes(n.name) && !isRouterName(n.name, scopes)) names.push(n.name);
    }
  }
  return names;
}

/** `const x = require('y')`, `const { x } = require('y')`, `const x = require('y').x`. */
function isRequired(statement: AnyNode, name: string): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((d: AnyNode) => {
    if (!d.init || !patternNames(d.id).some((id) => id.name === name)) return false;
    let init = unwrap(d.init);
    while (init.type === 'MemberExpression') init = unwrap(init.object);
    return requireSpecifier(init) !== null;
  });
}

/** The declaration statement can take `export` in front: it declares exactly this one name. */
function ownStatement(statement: AnyNode, name: string): boolean {
  switch (statement.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return true;
    case 'VariableDeclaration':
      return statement.declarations.length === 1 && isIdentifier(statement.declarations[0].id, name);
    default:
      return false;
  }
}

interface Plan {
  style: 'esm' | 'cjs';
  /** Statements that get `export` in front. */
  prefix: AnyNode[];
  /** Names exported at the end. */
  trailing: string[];
  refusals: Refusal[];
}

function plan(program: AnyNode, path: string, options: ExportNamesOptions): Plan {
  const scopes = analyzeScopes(program);
  const style = exportStyle(program, path, options.moduleSystem);
  const explicit = Array.isArray(options.names);
  const names = explicit ? (options.names as string[]) : registeredNames(program, scopes);
  const exported = exportedLocals(program);
  const body = programBody(program);
  const result: Plan = { style, prefix: [], trailing: [], refusals: [] };
  const exportAssignment = findExportAssignment(program);
  for (const name of names) {
    if (exported.has(name) || result.trailing.includes(name)) continue;
    const binding = scopes.module.bindings.get(name);
    const refuse = (reason: string, at = binding ? positionOf(binding.id) : { line: 1, column: 1 }): void => {
      if (explicit) result.refusals.push({ ...at, reason: `cannot export \`${name}\`: ${reason}` });
    };
    if (!binding) {
      refuse('it is not declared at the top level of this file');
      continue;
    }
    if (binding.kind === 'import' || isRequired(binding.declaration, name)) {
      refuse('it is imported; import it from where it is declared');
      continue;
    }
    if (binding.kind === 'type' || binding.kind === 'namespace' || binding.kind === 'enum') {
      refuse(`it is a ${binding.kind}, not a handler`);
      continue;
    }
    if (exportAssignment) {
      refuse(`the file uses \`export =\` (line ${positionOf(exportAssignment).line}), which allows no other export`);
      continue;
    }
    if (style === 'cjs') {
      const problem = cjsExportProblem(program, name);
      if (problem) refuse(problem);
      else result.trailing.push(name);
      continue;
    }
    const statement = binding.declaration;
    if (body.includes(statement) && ownStatement(statement, name)) {
      if (!result.prefix.includes(statement)) result.prefix.push(statement);
    } else {
      result.trailing.push(name);
    }
  }
  return result;
}

function apply(source: string, program: AnyNode, p: Plan): string {
  const semi = usesSemicolons(program, source);
  let out = applyEdits(source, p.prefix.map((statement) => ({ start: statement.start, end: statement.start, text: 'export ' })));
  if (p.style === 'cjs') out = appendStatements(out, p.trailing.map((name) => cjsExportLine(name, semi)));
  else if (p.trailing.length) out = appendStatements(out, [`export { ${p.trailing.join(', ')} }${semi ? ';' : ''}`]);
  return out;
}

export default function exportNamedHandlers(file: FileInfo, api: API, options: Options): string | undefined {
  const { program } = parseForEdits(file.source, api.jscodeshift);
  const p = plan(program, file.path, options as ExportNamesOptions);
  for (const r of p.refusals) api.report?.(`${r.line}:${r.column}: ${r.reason}`);
  if (!p.prefix.length && !p.trailing.length) return undefined;
  return apply(file.source, program, p);
}
