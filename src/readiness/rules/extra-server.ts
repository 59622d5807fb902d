/**
 * extra-server: servers and daemons a function would start when it loads the module:
 * `http.createServer(app).listen(...)`, `https`/`http2`/`net` servers and their `listen`, and
 * detached child processes (`spawn(..., { detached: true })`, `.unref()`). A plain top-level
 * `app.listen()` is not flagged: the migration guards it.
 *
 * Why on Lambda: a generated function imports the module; an unguarded `listen` then opens a
 * port inside the function on every cold start (and keeps the event loop busy), and a detached
 * process is frozen with the instance and killed with it.
 *
 * Instead: start servers only in the entry point (`if (require.main === module)`) or in a
 * file the functions do not import; run daemons as their own service or a scheduled function.
 *
 * Before (flagged, in a module the routes live in):
 *     http.createServer(app).listen(3000);
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, calleeObject, dottedName, objectProperty, type ReadinessFile } from '../readiness-file';

const SERVER_MODULES = /^(node:)?(http|https|http2|net|tls)$/;
const SPAWNERS = new Set(['spawn', 'fork', 'exec', 'execFile']);

/** Whether `expr` is `http.createServer(...)` (or a const initialised with it). */
function isServerCreation(file: ReadinessFile, expr: ts.Expression): boolean {
  let e = expr;
  if (ts.isIdentifier(e)) {
    const decl = file.topLevelVariables.find((v) => ts.isIdentifier(v.decl.name) && v.decl.name.text === (expr as ts.Identifier).text);
    if (!decl?.decl.initializer) return false;
    e = decl.decl.initializer;
  }
  if (!ts.isCallExpression(e)) return false;
  const name = calleeName(e);
  if (name !== 'createServer' && name !== 'createSecureServer') return false;
  const head = dottedName(e.expression)?.split('.')[0];
  return head !== undefined && SERVER_MODULES.test(file.moduleOf(head) ?? '');
}

export const extraServerRule: ReadinessRule = {
  id: 'extra-server',
  title: 'Servers and daemons started on load',
  severity: 'error',
  why: 'A function imports the module: an unguarded listen opens a port inside the function on every cold start, and detached processes are frozen and killed with the instance.',
  instead: 'Start servers only in the entry point (`if (require.main === module)`) or a file the functions do not import; run daemons as their own service or a scheduled function.',
  words: ['createServer', 'createSecureServer', 'detached', 'unref'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      const name = calleeName(call);
      if (name === 'listen') {
        const target = calleeObject(call);
        if (target && file.atModuleLoad(call) && isServerCreation(file, target)) {
          hits.push({ at: call, scope: 'module', onlyWhenLoaded: true, message: `\`${target.getText(file.sf).slice(0, 50)}.listen()\` opens a port when a function loads this module` });
        }
        continue;
      }
      if (name === undefined || !SPAWNERS.has(name)) continue;
      const head = dottedName(call.expression)?.split('.')[0];
      if (head === undefined || !/^(node:)?child_process$/.test(file.moduleOf(head) ?? '')) continue;
      const detached = call.arguments.some((a) => objectProperty(a, 'detached')?.kind === ts.SyntaxKind.TrueKeyword);
      const unref = ts.isPropertyAccessExpression(call.parent) && call.parent.name.text === 'unref';
      if (detached || unref) hits.push({ at: call, scope: file.enclosingHandler(call) ?? 'module', message: `\`${name}\` starts a background process that is frozen and killed with the instance` });
    }
    return hits;
  },
};
