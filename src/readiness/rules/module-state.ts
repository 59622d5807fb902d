/**
 * module-state: module-level mutable state that functions write (counters, caches, `Map`s and
 * arrays used as in-memory stores).
 *
 * Why on Lambda: every concurrent request runs in its own instance, instances come and go, and
 * each one has its own copy of the module. A counter counts per instance, a cache is cold on
 * every new instance, and data "stored" in a `Map` is invisible to the other instances and
 * lost when the instance is recycled.
 *
 * Instead: keep shared state in a store every instance reaches (DynamoDB, ElastiCache, a
 * database); keep module-level values only for what may differ per instance (clients,
 * read-through caches that tolerate being cold).
 *
 * Before (flagged):
 *     let hits = 0;
 *     app.get('/hits', (req, res) => res.json({ hits: ++hits }));
 * Also flagged: an array another module of the service exports, changed here
 * (`userModel.push(user)`), reported where it is changed.
 * Not flagged: constants, lazy initialisation (`client ??= connect()`, `if (!client) client = ...`),
 * state written only while the module loads.
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, type ReadinessFile } from '../readiness-file';
import type { ServiceFacts } from '../service-facts';

/** Methods that change a Map, Set, array or object they are called on. */
const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice']);

/** A module of the service itself: relative, or a path alias (`@/models/users`, `~/db`, `#lib/x`). */
function isLocalModule(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('#');
}

/** Initialisers that make a container whose contents handlers could change. */
function isContainer(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  if (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init)) return true;
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) return ['Map', 'Set', 'Array', 'Object'].includes(init.expression.text);
  return false;
}

/** `x ??= v`, `x ||= v`, `if (!x) x = v`, `if (x === undefined/null) x = v`: lazy initialisation. */
function isLazyInit(write: ts.Node, name: string): boolean {
  if (ts.isBinaryExpression(write)) {
    const op = write.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return true;
  }
  for (let p: ts.Node | undefined = write.parent; p && !ts.isFunctionLike(p); p = p.parent) {
    if (ts.isIfStatement(p) || ts.isConditionalExpression(p)) {
      const cond = ts.isIfStatement(p) ? p.expression : p.condition;
      const text = cond.getText();
      if (new RegExp(`^!\\s*${name}$|^${name}\\s*[=!]==?\\s*(undefined|null)$|^(undefined|null)\\s*[=!]==?\\s*${name}$`).test(text)) return true;
    }
  }
  return false;
}

/** The root identifier of `a`, `a.b`, `a[b].c`. */
function rootName(expr: ts.Expression): string | undefined {
  let e = expr;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}

export const moduleStateRule: ReadinessRule = {
  id: 'module-state',
  title: 'Module-level mutable state written by functions',
  severity: 'warning',
  why: 'Each Lambda instance has its own copy of the module: counters, caches and in-memory stores are per instance, start empty on every cold start and are never shared between concurrent requests.',
  instead: 'Keep shared state in DynamoDB, ElastiCache or the database; keep module-level values only for what may differ per instance.',
  words: ['let ', 'var ', 'new Map', 'new Set', '[]', '{}', '= [', '.push(', '.pop(', '.shift(', '.unshift(', '.splice(', '] ='],
  checkFile(file: ReadinessFile, service: ServiceFacts): RuleHit[] {
    // Candidates: top-level `let`/`var` (reassignment) and containers (mutation).
    const reassignable = new Map<string, ts.VariableDeclaration>();
    const containers = new Map<string, ts.VariableDeclaration>();
    for (const { decl, kind } of file.topLevelVariables) {
      if (!ts.isIdentifier(decl.name)) continue;
      if (kind !== 'const') reassignable.set(decl.name.text, decl);
      if (isContainer(decl.initializer)) containers.set(decl.name.text, decl);
    }
    // Module state of another file of the service, changed here (`userModel.push(user)`).
    const imported = new Set([...file.imports].filter(([, b]) => isLocalModule(b.module)).map(([name]) => name));
    if (reassignable.size === 0 && containers.size === 0 && imported.size === 0) return [];
    const importedWrites = new Map<string, ts.Node>();
    const noteImported = (name: string, node: ts.Node): void => {
      if (!importedWrites.has(name) && !file.atModuleLoad(node) && !shadowed(file, node, name) && !service.lambdaGuard(file.loc(node))) importedWrites.set(name, node);
    };
    const firstWrite = new Map<string, ts.Node>();
    const note = (name: string, node: ts.Node): void => {
      // A write only code under the Lambda guard makes (a guarded timer's callback) never happens in a function.
      if (!firstWrite.has(name) && !file.atModuleLoad(node) && !shadowed(file, node, name) && !service.lambdaGuard(file.loc(node))) firstWrite.set(name, node);
    };
    for (const { node, target } of file.writes) {
      if (ts.isIdentifier(target) && reassignable.has(target.text)) {
        if (!isLazyInit(node, target.text)) note(target.text, node);
      } else if (!ts.isIdentifier(target)) {
        const root = rootName(target);
        if (root !== undefined && containers.has(root)) note(root, node);
        else if (root !== undefined && imported.has(root) && ts.isElementAccessExpression(target)) noteImported(root, node);
      }
    }
    for (const call of file.calls) {
      const name = calleeName(call);
      if (name === undefined || !MUTATORS.has(name) || !ts.isPropertyAccessExpression(call.expression)) continue;
      const root = rootName(call.expression.expression);
      if (root !== undefined && containers.has(root)) note(root, call);
      // Only array mutators for imports: `.set`/`.add` there are as likely a client's methods.
      else if (root !== undefined && imported.has(root) && ARRAY_MUTATORS.has(name) && call.expression.expression.kind === ts.SyntaxKind.Identifier) noteImported(root, call);
    }
    const hits: RuleHit[] = [];
    for (const [name, write] of firstWrite) {
      const decl = reassignable.get(name) ?? containers.get(name)!;
      const where = file.loc(write);
      hits.push({ at: decl, scope: 'module', message: `module-level \`${name}\` is changed at runtime (line ${where.line}): each instance keeps its own copy` });
    }
    for (const [name, write] of importedWrites) {
      hits.push({ at: write, scope: 'module', message: `\`${name}\` (module-level state of ${file.moduleOf(name)}) is changed here at runtime: each instance keeps its own copy` });
    }
    return hits.sort((a, b) => (a.at as ts.Node).pos - (b.at as ts.Node).pos);
  },
};

/** Whether `name` at `node` refers to a local (parameter or variable) of an enclosing function. */
function shadowed(file: ReadinessFile, node: ts.Node, name: string): boolean {
  for (let fn = file.enclosingFunction(node); fn; fn = file.enclosingFunction(fn)) {
    if (fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name)) return true;
    const body = (fn as ts.FunctionLikeDeclaration).body;
    if (body && ts.isBlock(body) && declaresLocal(body, name)) return true;
  }
  return false;
}

function declaresLocal(block: ts.Block, name: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (ts.isFunctionLike(n) && n !== block.parent)) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found = true;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(block, visit);
  return found;
}
