/**
 * The single-file analysis findRoutes and findJobs share: which package export an expression
 * refers to through this file's imports and requires (`express`, `cron.CronJob`, a named
 * `scheduleJob`, `require('express').Router`), with real scoping, so a parameter or local that
 * shadows an import name is not mistaken for it. Scoping comes from the transforms' own scope
 * analysis (transforms/lib/scope), which handles both the `ts`/`tsx` and the `babel` (ESTree)
 * node shapes.
 */
import type { ASTPath, Collection } from 'jscodeshift';
import { type AnyNode, contains, isIdentifier, memberName, requireSpecifier, stringValue, unwrap, walk } from '../../transforms/lib/ast';
import { type Binding, type Reference, analyzeScopes } from '../../transforms/lib/scope';

/** An export of a package: `path` `[]` is the module itself (default, namespace, `require()`). */
export interface ImportTarget {
  pkg: string;
  path: string[];
}

/** Recursion bound for aliases (`const c = cron`, `const { CronJob } = c`); also stops `var a = b, b = a`. */
const MAX_ALIAS_DEPTH = 5;

/** The Program node of the file a collection belongs to (the collection may be the file or any part of it). */
export function programOf(root: Collection): AnyNode | null {
  let path: ASTPath | null | undefined = root.paths()[0];
  for (; path; path = path.parent) {
    const node = path.node as AnyNode;
    if (node.type === 'File') return node.program as AnyNode;
    if (node.type === 'Program') return node;
  }
  return null;
}

/** Packages the file imports or requires anywhere (a cheap check before the scope analysis). */
export function packagesIn(program: AnyNode): Set<string> {
  const out = new Set<string>();
  walk(program, (n) => {
    let spec: string | null = null;
    if (n.type === 'ImportDeclaration') spec = stringValue(n.source);
    else if (n.type === 'TSImportEqualsDeclaration' && n.moduleReference?.type === 'TSExternalModuleReference') spec = stringValue(n.moduleReference.expression);
    else spec = requireSpecifier(n);
    if (spec !== null) out.add(spec);
  });
  return out;
}

/**
 * 1-based line and column of a node's start in the text as written. recast hands the parser a
 * copy with each line's leading tabs expanded to spaces, so in tab-indented files the parser's
 * columns are too large; recast keeps each original line next to the width it gave its indent,
 * which undoes that (the same positions the scanner and the transforms' `calls` options use).
 */
export function sourcePosition(node: AnyNode): { line: number; column: number } {
  const start = node.loc?.start;
  if (!start) return { line: 0, column: 0 };
  let column: number = start.column;
  const info = node.loc.lines?.infos?.[start.line - 1];
  if (info && typeof info.indent === 'number' && typeof info.sliceStart === 'number' && column >= info.indent) {
    column = column - info.indent + info.sliceStart;
  }
  return { line: start.line, column: column + 1 };
}

/** Orders by source position (nodes without one, i.e. inserted by a transform, first). */
export function compareNodes(a: AnyNode, b: AnyNode): number {
  const pa = a.loc?.start;
  const pb = b.loc?.start;
  return (pa?.line ?? 0) - (pb?.line ?? 0) || (pa?.column ?? 0) - (pb?.column ?? 0);
}

/** `this.router`, `api.v1`, `app`: a receiver written as a dotted name, else null. */
export function dottedName(node: AnyNode): string | null {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && isIdentifier(n.property)) {
    const object = dottedName(n.object);
    return object === null ? null : `${object}.${n.property.name}`;
  }
  return null;
}

/** The path of a non-computed object property's value (of the method, for `name() {}`), or null. */
export function propertyPath(objectPath: ASTPath, name: string): ASTPath | null {
  const object = objectPath.node as AnyNode;
  if (object.type !== 'ObjectExpression') return null;
  const properties: AnyNode[] = object.properties;
  for (let i = properties.length - 1; i >= 0; i--) {
    // The last one wins, as at run time.
    const p = properties[i];
    if (p.computed || (p.key?.type === 'Identifier' ? p.key.name : stringValue(p.key)) !== name) continue;
    // A method (`onTick() {}`) is the method itself under every parser (ESTree nests a FunctionExpression in it).
    if (p.type === 'ObjectMethod' || (p.type === 'Property' && (p.method || p.kind !== 'init'))) return objectPath.get('properties', i);
    if (p.type === 'Property' || p.type === 'ObjectProperty') return objectPath.get('properties', i, 'value');
  }
  return null;
}

/** Import-aware name resolution over one file. */
export class FileBindings {
  private readonly refs = new Map<AnyNode, Reference>();

  constructor(readonly program: AnyNode) {
    for (const ref of analyzeScopes(program).references) this.refs.set(ref.id, ref);
  }

  /** The binding an identifier (in a reference position) resolves to; null for globals and unknown nodes. */
  bindingOf(id: AnyNode): Binding | null {
    return this.refs.get(id)?.binding ?? null;
  }

  /**
   * The package export `node` denotes: `express` → `{ express, [] }`, `cron.CronJob.from` →
   * `{ cron, [CronJob, from] }`, a named `scheduleJob` import → `{ node-schedule, [scheduleJob] }`.
   * A leading `default` is dropped (`require('x').default` is the module as an ES import sees it).
   */
  resolve(node: AnyNode, depth = 0): ImportTarget | null {
    if (depth > MAX_ALIAS_DEPTH) return null;
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const binding = this.bindingOf(n);
      return binding ? this.bindingTarget(binding, depth + 1) : null;
    }
    const spec = requireSpecifier(n);
    if (spec !== null) return { pkg: spec, path: [] };
    const name = memberName(n);
    if (name === null) return null;
    const base = this.resolve(n.object, depth + 1);
    return base ? withMember(base, name) : null;
  }

  /** What a declared name is bound to, when it comes from a package (directly or through an alias). */
  private bindingTarget(binding: Binding, depth: number): ImportTarget | null {
    const raw = binding.declaration;
    const decl = raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw;
    if (decl.type === 'ImportDeclaration') {
      const pkg = stringValue(decl.source);
      const spec = (decl.specifiers ?? []).find((s: AnyNode) => s.local === binding.id || s.local?.name === binding.name);
      // Type-only imports have no value to call.
      if (pkg === null || !spec || decl.importKind === 'type' || spec.importKind === 'type') return null;
      if (spec.type !== 'ImportSpecifier') return { pkg, path: [] };
      const imported = spec.imported?.type === 'Identifier' ? spec.imported.name : stringValue(spec.imported);
      return imported === null ? null : withMember({ pkg, path: [] }, imported);
    }
    if (decl.type === 'TSImportEqualsDeclaration') {
      if (decl.importKind === 'type' || decl.moduleReference?.type !== 'TSExternalModuleReference') return null;
      const pkg = stringValue(decl.moduleReference.expression);
      return pkg === null ? null : { pkg, path: [] };
    }
    if (decl.type !== 'VariableDeclaration') return null;
    for (const d of decl.declarations as AnyNode[]) {
      if (!d.init) continue;
      if (d.id === binding.id) return this.resolve(d.init, depth);
      if (d.id.type !== 'ObjectPattern') continue;
      // `const { Router } = require('express')`, `const { CronJob: Job } = cron`
      for (const p of d.id.properties as AnyNode[]) {
        const value = p.value?.type === 'AssignmentPattern' ? p.value.left : p.value;
        if (p.type === 'RestElement' || p.computed || value !== binding.id) continue;
        const key = p.key?.type === 'Identifier' ? p.key.name : stringValue(p.key);
        const base = key === null ? null : this.resolve(d.init, depth);
        return base && key !== null ? withMember(base, key) : null;
      }
    }
    return null;
  }
}

function withMember(base: ImportTarget, name: string): ImportTarget {
  return base.path.length === 0 && name === 'default' ? base : { pkg: base.pkg, path: [...base.path, name] };
}

/**
 * The `name = value` assignments to a binding, for `let router; router = express.Router();`.
 * The scope analysis records no reference for assignment targets, so these are matched by name
 * inside the binding's scope (an inner declaration of the same name would be the only miss).
 */
export function assignmentsTo(binding: Binding, assignments: AnyNode[]): AnyNode[] {
  return assignments.filter((a) => isIdentifier(unwrap(a.left), binding.name) && contains(binding.scope.node, a));
}

