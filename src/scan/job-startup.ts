/**
 * How often a job registration runs, from the call graph from the service's entry: the entry's
 * module-level code runs once; so does the module-level code of every local module it loads
 * (modules are cached); a function called from code that runs once, unconditionally and
 * outside loops and callbacks, runs once too (start functions, `init()`, a mixin applied at
 * load: `require('./jobs')(User)`). Everything else may run several times or not at all.
 *
 * The walk also records what mixin parameters are bound to (`module.exports = function (User)`
 * called with the `User` module object), so a job function reached through one (`User.reset.clean`)
 * can be imported from that module.
 */
import { Node, SourceFile, SyntaxKind } from 'ts-morph';
import { isExportsObject } from './module-exports';
import { memberValues, requireSpecifier } from './resolve';

/** How often code runs at start-up, from least to most: never reached, once, maybe (0 or 1), several. */
export type Runs = 'never' | 'once' | 'maybe' | 'several';
const ORDER: Runs[] = ['never', 'once', 'maybe', 'several'];
const max = (a: Runs, b: Runs): Runs => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);
/** Reached twice: several; otherwise the stronger of the two. */
const join = (a: Runs, b: Runs): Runs => (a === 'never' ? b : b === 'never' ? a : 'several');

type FunctionLike = Node;

export function isFunctionLike(n: Node): boolean {
  return (
    Node.isFunctionDeclaration(n) || Node.isFunctionExpression(n) || Node.isArrowFunction(n) || Node.isMethodDeclaration(n) ||
    Node.isConstructorDeclaration(n) || Node.isGetAccessorDeclaration(n) || Node.isSetAccessorDeclaration(n)
  );
}

/** Parentheses, `as`, `!` and `satisfies` around an expression. */
export function unwrapExpression(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isNonNullExpression(n) || Node.isSatisfiesExpression(n) || Node.isTypeAssertion(n)) n = n.getExpression();
  return n;
}

/** The module `require('./x')` / `import x from './x'` names, when the program resolved it. */
function requiredFile(call: Node): SourceFile | null {
  const spec = requireSpecifier(call);
  if (!spec || !(spec.startsWith('.') || spec.startsWith('/')) || !Node.isCallExpression(call)) return null;
  const decl = call.getArguments()[0]?.getSymbol()?.getDeclarations()[0];
  return decl && Node.isSourceFile(decl) ? decl : null;
}

export class StartupGraph {
  private readonly runs = new Map<object, Runs>();
  private readonly visitedFiles = new Set<SourceFile>();
  /** Parameter declaration → the argument expressions calls bound it to. */
  private readonly bound = new Map<object, Node[]>();
  /** `module file → member name → function values` assigned onto a module object (`User.startJobs = function`). */
  private readonly members = new Map<SourceFile, Map<string, Node[]>>();
  private depth = 0;

  constructor(readonly entry: SourceFile | null) {
    if (entry) this.visitFile(entry);
  }

  /** How often the function-like node (or module-level code, for a SourceFile) runs. */
  runsOf(fn: Node): Runs {
    if (Node.isSourceFile(fn)) return this.visitedFiles.has(fn) ? 'once' : 'never';
    return this.runs.get(fn.compilerNode) ?? 'never';
  }

  /** The module object an expression evaluates to (`module.exports`, `require('./x')`, an alias or a mixin parameter bound to one). */
  moduleOf(expr: Node, seen = 0): SourceFile | null {
    if (seen > 8) return null;
    const e = unwrapExpression(expr);
    if (isExportsObject(e)) return e.getSourceFile();
    const required = requiredFile(e);
    if (required) return required;
    if (!Node.isIdentifier(e)) return null;
    let sym = e.getSymbol();
    if (sym?.isAlias()) {
      const target = sym.getAliasedSymbol()?.getDeclarations()[0];
      if (target && Node.isSourceFile(target)) return target;
      sym = sym.getAliasedSymbol() ?? sym;
    }
    const decl = sym?.getDeclarations()[0];
    if (!decl) return null;
    if (Node.isParameterDeclaration(decl)) {
      const args = this.bound.get(decl.compilerNode) ?? [];
      const files = [...new Set(args.map((a) => this.moduleOf(a, seen + 1)))];
      return files.length === 1 ? files[0]! : null;
    }
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (!init) return null;
      // `const Notifications = module.exports;`, `const user = require('./user')`, `module.exports = exports = X`.
      let value: Node = unwrapExpression(init);
      while (Node.isBinaryExpression(value) && value.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        if (isExportsObject(value.getLeft())) return value.getSourceFile();
        value = unwrapExpression(value.getRight());
      }
      return this.moduleOf(value, seen + 1);
    }
    return null;
  }

  /** Function values a callee may denote. */
  private calleeFunctions(callee: Node): FunctionLike[] {
    const c = unwrapExpression(callee);
    if (isFunctionLike(c)) return [c];
    const out: FunctionLike[] = [];
    const add = (n: Node | undefined): void => {
      if (!n) return;
      const v = unwrapExpression(n);
      if (isFunctionLike(v)) out.push(v);
      else if (Node.isVariableDeclaration(v) || Node.isPropertyAssignment(v) || Node.isPropertyDeclaration(v)) {
        const init = v.getInitializer();
        if (init && isFunctionLike(unwrapExpression(init))) out.push(unwrapExpression(init));
      } else if (Node.isBinaryExpression(v)) add(v.getRight());
    };
    // `require('./jobs')(User)`: the module's `module.exports = function`.
    const required = requiredFile(c);
    if (required) {
      for (const fn of this.exportedValues(required)) add(fn);
      return out;
    }
    if (Node.isIdentifier(c)) {
      let sym = c.getSymbol();
      if (sym?.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
      for (const d of sym?.getDeclarations() ?? []) {
        if (Node.isSourceFile(d)) for (const fn of this.exportedValues(d)) add(fn);
        else add(d);
      }
      // `const start = require('./jobs')` then `start()`: the module's exported function.
      if (!out.length) {
        const mod = this.moduleOf(c);
        if (mod) for (const fn of this.exportedValues(mod)) add(fn);
      }
    } else if (Node.isPropertyAccessExpression(c)) {
      for (const v of memberValues(c)) add(v);
      if (!out.length) {
        // `user.startJobs()` where a mixin assigned `User.startJobs = function` onto that module.
        const mod = this.moduleOf(c.getExpression());
        for (const fn of (mod && this.members.get(mod)?.get(c.getName())) ?? []) add(fn);
      }
    }
    return [...new Set(out)];
  }

  /** `module.exports = <value>` / `export default <value>` of a file. */
  private exportedValues(sf: SourceFile): Node[] {
    const out: Node[] = [];
    for (const st of sf.getStatements()) {
      if (Node.isExportAssignment(st)) out.push(st.getExpression());
      else if (Node.isFunctionDeclaration(st) && st.isDefaultExport()) out.push(st);
      else if (Node.isExpressionStatement(st)) {
        const e = st.getExpression();
        if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.EqualsToken && isExportsObject(e.getLeft())) out.push(e.getRight());
      }
    }
    return out;
  }

  private visitFile(sf: SourceFile): void {
    if (this.visitedFiles.has(sf) || sf.isDeclarationFile() || sf.isFromExternalLibrary()) return;
    this.visitedFiles.add(sf);
    // ESM imports run first, in order.
    for (const imp of sf.getImportDeclarations()) {
      const target = imp.getModuleSpecifierSourceFile();
      if (target && !imp.isTypeOnly()) this.visitFile(target);
    }
    this.visitCode(sf, 'once');
  }

  /** A function reached with `how`; its body is walked again only when that raises its count. */
  private reach(fn: FunctionLike, how: Runs): void {
    const before = this.runs.get(fn.compilerNode) ?? 'never';
    const after = join(before, how);
    if (after === before && before !== 'never') return;
    this.runs.set(fn.compilerNode, after);
    if (this.depth > 40) return;
    this.depth++;
    try {
      const body = Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody()) ? fn.getBody() : (fn as Node & { getBody?: () => Node | undefined }).getBody?.();
      if (body) this.visitCode(body, after);
    } finally {
      this.depth--;
    }
  }

  /** Walks code that runs `how` often, without entering nested functions except the ones it calls. */
  private visitCode(root: Node, how: Runs): void {
    const walk = (node: Node, runs: Runs): void => {
      if (node !== root && isFunctionLike(node)) {
        // A function passed to a call (a callback, `.then(...)`) may run any number of times.
        const parent = node.getParent();
        if (parent && (Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getArguments().includes(node)) this.reach(node, max(runs, 'maybe') === 'once' ? 'maybe' : max(runs, 'maybe'));
        return;
      }
      if (Node.isCallExpression(node) || Node.isNewExpression(node)) this.visitCall(node, runs);
      if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) this.recordMember(node);
      for (const child of node.getChildren()) walk(child, stepInto(node, child, runs));
    };
    walk(root, how);
  }

  /** `X.m = function` where X is a module object: remembered for `x.m()` calls that symbols cannot follow. */
  private recordMember(assign: Node & { getLeft(): Node; getRight(): Node }): void {
    const left = assign.getLeft();
    if (!Node.isPropertyAccessExpression(left)) return;
    const value = unwrapExpression(assign.getRight());
    if (!isFunctionLike(value)) return;
    const mod = this.moduleOf(left.getExpression());
    if (!mod) return;
    const byName = this.members.get(mod) ?? this.members.set(mod, new Map()).get(mod)!;
    byName.set(left.getName(), [...(byName.get(left.getName()) ?? []), value]);
  }

  private visitCall(call: Node & { getExpression(): Node; getArguments(): Node[] }, runs: Runs): void {
    const required = requiredFile(call);
    if (required) {
      this.visitFile(required);
      return;
    }
    const callee = call.getExpression();
    if (Node.isCallExpression(unwrapExpression(callee))) {
      const inner = unwrapExpression(callee);
      const file = requiredFile(inner);
      if (file) this.visitFile(file);
    }
    const targets = this.calleeFunctions(callee);
    for (const fn of targets) {
      // Bind parameters to arguments, so a mixin's `User` is known to be the module object passed in.
      const params = (fn as Node & { getParameters?: () => Node[] }).getParameters?.() ?? [];
      call.getArguments().forEach((arg, i) => {
        const p = params[i];
        if (p) this.bound.set(p.compilerNode, [...(this.bound.get(p.compilerNode) ?? []), arg]);
      });
      this.reach(fn, targets.length > 1 ? max(runs, 'maybe') : runs);
    }
  }
}

/** How often a child of `parent` runs when `parent` runs `runs` often: loops repeat, conditions may skip. */
function stepInto(parent: Node, child: Node, runs: Runs): Runs {
  if (runs === 'never') return runs;
  if (Node.isForStatement(parent) || Node.isForOfStatement(parent) || Node.isForInStatement(parent) || Node.isWhileStatement(parent) || Node.isDoStatement(parent)) {
    const body = parent.getStatement();
    return child === body ? 'several' : runs;
  }
  if (Node.isIfStatement(parent)) return child === parent.getExpression() ? runs : max(runs, 'maybe');
  if (Node.isConditionalExpression(parent)) return child === parent.getCondition() ? runs : max(runs, 'maybe');
  if (Node.isBinaryExpression(parent)) {
    const op = parent.getOperatorToken().getKind();
    if ((op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) && child === parent.getRight()) return max(runs, 'maybe');
  }
  if (Node.isCaseClause(parent) || Node.isCatchClause(parent)) return max(runs, 'maybe');
  if (Node.isTryStatement(parent) && child !== parent.getTryBlock()) return max(runs, 'maybe');
  return runs;
}

/** The functions around a node, innermost first. */
export function enclosingFunctions(node: Node): FunctionLike[] {
  return node.getAncestors().filter(isFunctionLike);
}

/** A readable name for a function: `startJobs`, `Notifications.startJobs`, `the function at 12:3`. */
export function functionLabel(fn: FunctionLike): string {
  const named = (fn as Node & { getName?: () => string | undefined }).getName?.();
  if (named) return `\`${named}\``;
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return `\`${parent.getName()}\``;
  if (parent && Node.isPropertyAssignment(parent)) return `\`${parent.getName()}\``;
  if (parent && Node.isBinaryExpression(parent)) {
    const left = parent.getLeft();
    if (isExportsObject(left)) return 'the function `module.exports`';
    return `\`${left.getText().slice(0, 60)}\``;
  }
  const { line, column } = fn.getSourceFile().getLineAndColumnAtPos(fn.getStart());
  return `the function at ${line}:${column}`;
}
