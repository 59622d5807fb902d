/**
 * A small static scope analysis over a parsed file: which name each identifier refers to,
 * and which function or class each `this` / `arguments` / `super` / `new.target` belongs to.
 * It is what lets extract-inline-handlers decide whether an inline handler can move to the
 * top level without changing what its names mean. Names that resolve to nothing are globals.
 * Value and type names share one namespace: the only effect is that a type and a value of the
 * same name in nested scopes make the analysis more cautious, never less.
 */
import { type AnyNode, children, isFunction, programBody } from './ast';

export type BindingKind =
  | 'var' | 'let' | 'const' | 'using' | 'function' | 'class' | 'param' | 'import' | 'catch' | 'type' | 'enum' | 'namespace';

export interface Binding {
  name: string;
  kind: BindingKind;
  scope: Scope;
  /** The identifier that declares it. */
  id: AnyNode;
  /** The declaring statement or node (a `VariableDeclaration`, a function, an import, ...). */
  declaration: AnyNode;
}

export interface Scope {
  /** `module` is the file's top level; `block` covers blocks, loops, switch and namespaces. */
  kind: 'module' | 'function' | 'block' | 'class' | 'catch';
  node: AnyNode;
  parent: Scope | null;
  bindings: Map<string, Binding>;
}

export interface Reference {
  id: AnyNode;
  name: string;
  scope: Scope;
  /** A name inside a type annotation (erased at run time). */
  isType: boolean;
  /** The binding it resolves to; null for globals. */
  binding: Binding | null;
}

/** `this`, `arguments`, `super` or `new.target`, with the node that gives it its meaning. */
export interface ContextUse {
  node: AnyNode;
  kind: 'this' | 'arguments' | 'super' | 'new.target';
  /** The nearest non-arrow function, class body member, or the Program. */
  owner: AnyNode;
}

export interface ScopeAnalysis {
  module: Scope;
  references: Reference[];
  contextUses: ContextUse[];
  /** Every declared name anywhere in the file, and every name referenced (globals included). */
  allNames: Set<string>;
  /** Names of functions and methods, for messages (a method's function node has no name of its own). */
  functionNames: Map<AnyNode, string>;
}

/** Identifier names a binding pattern declares (`a`, `{ b, c: d }`, `[e = 1, ...f]`). */
export function patternNames(pattern: AnyNode | null | undefined, out: AnyNode[] = []): AnyNode[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') patternNames(p.argument, out);
        else patternNames(p.value, out);
      }
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) patternNames(e, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter, out);
      break;
    default:
      break;
  }
  return out;
}

function newScope(kind: Scope['kind'], node: AnyNode, parent: Scope | null): Scope {
  return { kind, node, parent, bindings: new Map() };
}

function declare(scope: Scope, id: AnyNode, kind: BindingKind, declaration: AnyNode): void {
  // The first declaration wins (`var x; var x;`, overloads); all point at the same name.
  if (!scope.bindings.has(id.name)) scope.bindings.set(id.name, { name: id.name, kind, scope, id, declaration });
}

/** `var` declarations hoisted to a function or the module, not entering nested functions. */
function hoistVars(node: AnyNode, scope: Scope): void {
  for (const { child } of children(node)) {
    if (isFunction(child) || child.type === 'ClassBody' || child.type === 'ClassExpression' || child.type === 'ClassDeclaration') continue;
    if (child.type === 'VariableDeclaration' && child.kind === 'var') {
      for (const d of child.declarations) for (const id of patternNames(d.id)) declare(scope, id, 'var', child);
    }
    hoistVars(child, scope);
  }
}

/** Declarations that belong directly to a statement list (block, function body, module). */
function declareLexical(statements: AnyNode[], scope: Scope): void {
  for (const raw of statements) {
    const s = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? raw.declaration ?? raw : raw;
    if (!s) continue;
    switch (s.type) {
      case 'VariableDeclaration':
        if (s.kind !== 'var') for (const d of s.declarations) for (const id of patternNames(d.id)) declare(scope, id, s.kind === 'const' ? 'const' : s.kind === 'let' ? 'let' : 'using', raw);
        break;
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        if (s.id) declare(scope, s.id, 'function', raw);
        break;
      case 'ClassDeclaration':
        if (s.id) declare(scope, s.id, 'class', raw);
        break;
      case 'ImportDeclaration':
        for (const spec of s.specifiers ?? []) declare(scope, spec.local, 'import', raw);
        break;
      case 'TSImportEqualsDeclaration':
        declare(scope, s.id, 'import', raw);
        break;
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
        declare(scope, s.id, 'type', raw);
        break;
      case 'TSEnumDeclaration':
        declare(scope, s.id, 'enum', raw);
        break;
      case 'TSModuleDeclaration':
        if (s.id.type === 'Identifier') declare(scope, s.id, 'namespace', raw);
        break;
      default:
        break;
    }
  }
}

function declareTypeParams(node: AnyNode, scope: Scope): void {
  const params = node.typeParameters?.params;
  if (!Array.isArray(params)) return;
  for (const p of params) {
    const id = typeof p.name === 'string' ? { type: 'Identifier', name: p.name, loc: p.loc, start: p.start, end: p.end } : p.name;
    if (id) declare(scope, id, 'type', p);
  }
}

/** Keys under which an identifier is a name, not a reference, when not computed. */
function isNonReferenceKey(parent: AnyNode, key: string): boolean {
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
    case 'JSXMemberExpression':
      return key === 'property' && !parent.computed;
    case 'ObjectProperty':
    case 'Property':
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ClassProperty':
    case 'ClassAccessorProperty':
    case 'ClassPrivateProperty':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'TSAbstractMethodDefinition':
    case 'TSAbstractPropertyDefinition':
      return key === 'key' && !parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return key === 'label';
    case 'MetaProperty':
      return true;
    case 'ExportSpecifier':
      return key === 'exported';
    case 'TSQualifiedName':
      return key === 'right';
    case 'TSEnumMember':
      return key === 'id';
    case 'TSImportType':
      return key === 'qualifier';
    case 'JSXAttribute':
      return key === 'name';
    default:
      return false;
  }
}

/** Builds the scope tree for a Program node and resolves every reference in it. */
export function analyzeScopes(program: AnyNode): ScopeAnalysis {
  const module = newScope('module', program, null);
  const references: Reference[] = [];
  const contextUses: ContextUse[] = [];
  const allNames = new Set<string>();
  const functionNames = new Map<AnyNode, string>();
  const keyName = (member: AnyNode): string | null => (!member.computed && member.key?.type === 'Identifier' ? member.key.name : null);

  hoistVars(program, module);
  declareLexical(programBody(program), module);

  const visitPattern = (pattern: AnyNode | null | undefined, scope: Scope, owner: AnyNode, inType: boolean): void => {
    // Binding identifiers are declarations; defaults, computed keys and annotations are code.
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        allNames.add(pattern.name);
        if (pattern.typeAnnotation) visit(pattern.typeAnnotation, scope, owner, true);
        return;
      case 'ObjectPattern':
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') visitPattern(p.argument, scope, owner, inType);
          else {
            if (p.computed) visit(p.key, scope, owner, inType);
            visitPattern(p.value, scope, owner, inType);
          }
        }
        if (pattern.typeAnnotation) visit(pattern.typeAnnotation, scope, owner, true);
        return;
      case 'ArrayPattern':
        for (const e of pattern.elements) visitPattern(e, scope, owner, inType);
        if (pattern.typeAnnotation) visit(pattern.typeAnnotation, scope, owner, true);
        return;
      case 'AssignmentPattern':
        visitPattern(pattern.left, scope, owner, inType);
        visit(pattern.right, scope, owner, inType);
        return;
      case 'RestElement':
        visitPattern(pattern.argument, scope, owner, inType);
        if (pattern.typeAnnotation) visit(pattern.typeAnnotation, scope, owner, true);
        return;
      case 'TSParameterProperty':
        visitPattern(pattern.parameter, scope, owner, inType);
        return;
      default:
        // An assignment target such as `obj.x` in `[obj.x] = ...`.
        visit(pattern, scope, owner, inType);
    }
  };

  const visitFunction = (fn: AnyNode, scope: Scope, owner: AnyNode): void => {
    const fnScope = newScope('function', fn, scope);
    const ownName = fn.id?.name ?? keyName(fn);
    if (ownName && !functionNames.has(fn)) functionNames.set(fn, ownName);
    const fnOwner = fn.type === 'ArrowFunctionExpression' ? owner : fn;
    // A named function expression sees its own name.
    if (fn.id && fn.type === 'FunctionExpression') declare(fnScope, fn.id, 'function', fn);
    if (fn.id) allNames.add(fn.id.name);
    declareTypeParams(fn, fnScope);
    for (const p of fn.params ?? []) for (const id of patternNames(p)) declare(fnScope, id, 'param', fn);
    for (const p of fn.params ?? []) visitPattern(p, fnScope, fnOwner, false);
    if (fn.returnType) visit(fn.returnType, fnScope, fnOwner, true);
    if (fn.typeParameters) visit(fn.typeParameters, fnScope, fnOwner, true);
    const body = fn.body;
    if (!body) return;
    if (body.type === 'BlockStatement') {
      hoistVars(body, fnScope);
      declareLexical(body.body, fnScope);
      for (const s of body.body) visit(s, fnScope, fnOwner, false);
    } else {
      visit(body, fnScope, fnOwner, false);
    }
  };

  const visitClass = (cls: AnyNode, scope: Scope, owner: AnyNode): void => {
    if (cls.superClass) visit(cls.superClass, scope, owner, false);
    for (const d of cls.decorators ?? []) visit(d, scope, owner, false);
    const classScope = newScope('class', cls, scope);
    if (cls.id) {
      allNames.add(cls.id.name);
      if (cls.type === 'ClassExpression') declare(classScope, cls.id, 'class', cls);
    }
    declareTypeParams(cls, classScope);
    for (const key of ['typeParameters', 'superTypeParameters', 'superTypeArguments', 'implements']) {
      const v = cls[key];
      if (Array.isArray(v)) for (const x of v) visit(x, classScope, owner, true);
      else if (v) visit(v, classScope, owner, true);
    }
    for (const member of cls.body.body) {
      if (member.computed) visit(member.key, classScope, owner, false);
      for (const d of member.decorators ?? []) visit(d, classScope, owner, false);
      if (isFunction(member)) {
        visitFunction(member, classScope, member);
      } else if (member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') {
        const name = keyName(member);
        if (member.value && name) functionNames.set(member.value, name);
        if (member.value) visitFunction(member.value, classScope, member.value);
      } else if (member.type === 'StaticBlock') {
        const blockScope = newScope('function', member, classScope);
        hoistVars(member, blockScope);
        declareLexical(member.body, blockScope);
        for (const s of member.body) visit(s, blockScope, member, false);
      } else {
        // Fields: the initializer runs with `this` bound to the instance (or the class).
        if (member.typeAnnotation) visit(member.typeAnnotation, classScope, member, true);
        if (member.value) visit(member.value, classScope, member, false);
        if (member.parameters) for (const p of member.parameters) visitPattern(p, classScope, member, true);
      }
    }
  };

  const visitBlock = (statements: AnyNode[], node: AnyNode, scope: Scope, owner: AnyNode): void => {
    const blockScope = newScope('block', node, scope);
    declareLexical(statements, blockScope);
    for (const s of statements) visit(s, blockScope, owner, false);
  };

  function visit(node: AnyNode, scope: Scope, owner: AnyNode, inType: boolean, parent?: AnyNode, key?: string): void {
    switch (node.type) {
      case 'Identifier': {
        allNames.add(node.name);
        if (parent && key && isNonReferenceKey(parent, key)) return;
        if (node.name === 'arguments' && !lookup(scope, 'arguments')) {
          contextUses.push({ node, kind: 'arguments', owner });
          return;
        }
        references.push({ id: node, name: node.name, scope, isType: inType, binding: lookup(scope, node.name) });
        if (node.typeAnnotation) visit(node.typeAnnotation, scope, owner, true);
        return;
      }
      case 'JSXIdentifier': {
        // `<Foo />` and `<foo.Bar />` refer to values; `<div>` is an intrinsic element.
        if (parent && key && isNonReferenceKey(parent, key)) return;
        const isElementName = parent && (parent.type === 'JSXOpeningElement' || parent.type === 'JSXClosingElement' || parent.type === 'JSXMemberExpression');
        if (isElementName && (parent.type === 'JSXMemberExpression' || /^[A-Z_$]/.test(node.name))) {
          allNames.add(node.name);
          references.push({ id: node, name: node.name, scope, isType: false, binding: lookup(scope, node.name) });
        }
        return;
      }
      case 'ThisExpression':
        contextUses.push({ node, kind: 'this', owner });
        return;
      case 'Super':
        contextUses.push({ node, kind: 'super', owner });
        return;
      case 'MetaProperty':
        if (node.meta?.name === 'new') contextUses.push({ node, kind: 'new.target', owner });
        return;
      case 'ImportDeclaration':
        for (const spec of node.specifiers ?? []) allNames.add(spec.local.name);
        return;
      case 'TSImportEqualsDeclaration':
        allNames.add(node.id.name);
        if (node.moduleReference.type !== 'TSExternalModuleReference') visit(node.moduleReference, scope, owner, false);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassPrivateMethod':
      case 'TSDeclareFunction':
      case 'TSDeclareMethod':
        if (node.type === 'ObjectMethod' && node.computed) visit(node.key, scope, owner, false);
        visitFunction(node, scope, owner);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        visitClass(node, scope, owner);
        return;
      case 'VariableDeclarator':
        visitPattern(node.id, scope, owner, inType);
        if (node.init) visit(node.init, scope, owner, inType);
        return;
      case 'BlockStatement':
        visitBlock(node.body, node, scope, owner);
        return;
      case 'StaticBlock':
        visitBlock(node.body, node, scope, node);
        return;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const loopScope = newScope('block', node, scope);
        const head = node.type === 'ForStatement' ? node.init : node.left;
        if (head?.type === 'VariableDeclaration' && head.kind !== 'var') declareLexical([head], loopScope);
        for (const { key: k, child } of children(node)) {
          if (k === 'left' && child.type !== 'VariableDeclaration') visitPattern(child, loopScope, owner, false);
          else visit(child, loopScope, owner, false, node, k);
        }
        return;
      }
      case 'SwitchStatement': {
        visit(node.discriminant, scope, owner, false, node, 'discriminant');
        const switchScope = newScope('block', node, scope);
        declareLexical(node.cases.flatMap((c: AnyNode) => c.consequent), switchScope);
        for (const c of node.cases) {
          if (c.test) visit(c.test, switchScope, owner, false);
          for (const s of c.consequent) visit(s, switchScope, owner, false);
        }
        return;
      }
      case 'CatchClause': {
        const catchScope = newScope('catch', node, scope);
        for (const id of patternNames(node.param)) declare(catchScope, id, 'catch', node);
        if (node.param) visitPattern(node.param, catchScope, owner, false);
        visit(node.body, catchScope, owner, false);
        return;
      }
      case 'Property':
        if ((node.method || node.kind === 'get' || node.kind === 'set') && keyName(node) && node.value) functionNames.set(node.value, keyName(node) as string);
        for (const { key: k, child } of children(node)) visit(child, scope, owner, inType, node, k);
        return;
      case 'AssignmentExpression':
        visitPattern(node.left, scope, owner, inType);
        visit(node.right, scope, owner, inType);
        return;
      case 'TSModuleDeclaration':
        allNames.add(node.id.name ?? '');
        if (node.body) {
          const body = node.body.type === 'TSModuleBlock' ? node.body.body : [node.body];
          const nsScope = newScope('block', node, scope);
          hoistVars(node.body, nsScope);
          declareLexical(body, nsScope);
          for (const s of body) visit(s, nsScope, owner, false);
        }
        return;
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration': {
        allNames.add(node.id.name);
        const typeScope = newScope('block', node, scope);
        declareTypeParams(node, typeScope);
        for (const { key: k, child } of children(node)) if (k !== 'id') visit(child, typeScope, owner, true, node, k);
        return;
      }
      case 'TSEnumDeclaration':
        allNames.add(node.id.name);
        for (const m of node.members ?? node.body?.members ?? []) if (m.initializer) visit(m.initializer, scope, owner, false);
        return;
      case 'TSFunctionType':
      case 'TSConstructorType':
      case 'TSMethodSignature':
      case 'TSCallSignatureDeclaration':
      case 'TSConstructSignatureDeclaration': {
        const sigScope = newScope('block', node, scope);
        declareTypeParams(node, sigScope);
        for (const p of node.parameters ?? node.params ?? []) visitPattern(p, sigScope, owner, true);
        const ret = node.typeAnnotation ?? node.returnType;
        if (ret) visit(ret, sigScope, owner, true);
        if (node.type === 'TSMethodSignature' && node.computed) visit(node.key, scope, owner, true);
        return;
      }
      case 'TSTypeQuery':
        // `typeof x` in a type names a value.
        visit(node.exprName, scope, owner, true, node, 'exprName');
        return;
      case 'TSTypeAnnotation':
      case 'TSTypeReference':
      case 'TSQualifiedName':
      case 'TSTypeParameterInstantiation':
      case 'TSTypeParameterDeclaration':
        for (const { key: k, child } of children(node)) visit(child, scope, owner, true, node, k);
        return;
      case 'TSTypeParameter':
        if (node.constraint) visit(node.constraint, scope, owner, true);
        if (node.default) visit(node.default, scope, owner, true);
        return;
      default:
        for (const { key: k, child } of children(node)) visit(child, scope, owner, inType || node.type.startsWith('TS') && node.type.endsWith('Type'), node, k);
    }
  }

  for (const s of programBody(program)) visit(s, module, program, false);
  for (const b of module.bindings.keys()) allNames.add(b);
  return { module, references, contextUses, allNames, functionNames };
}

export function lookup(scope: Scope | null, name: string): Binding | null {
  for (let s = scope; s; s = s.parent) {
    const b = s.bindings.get(name);
    if (b) return b;
  }
  return null;
}
