/**
 * powertools-logger: structured JSON logging with AWS Lambda Powertools
 * (`@aws-lambda-powertools/logger` v2) in every generated HTTP handler module.
 *
 * Before (as `lambdashift migrate` generates it):
 *
 *     import { createExpressHandler } from 'lambdashift/runtime';
 *     ...
 *     const app = express();
 *     ...
 *     export const handler = createExpressHandler(app);
 *
 * After:
 *
 *     import { createExpressHandler } from 'lambdashift/runtime';
 *     import { Logger } from '@aws-lambda-powertools/logger';
 *     ...
 *     const logger = new Logger({ serviceName: 'accounts' });
 *
 *     const app = express();
 *     ...
 *     const httpHandler = createExpressHandler(app);
 *
 *     export const handler: typeof httpHandler = async (event, context) => {
 *       logger.addContext(context);
 *       const result = await httpHandler(event, context);
 *       logger.info('request handled', { statusCode: result.statusCode });
 *       return result;
 *     };
 *
 * CommonJS modules get `const { Logger } = require(...)` and `exports.handler = async (...) => {...}`;
 * Koa modules (`createKoaHandler`) are wrapped the same way. Job modules are left alone.
 * Also adds the package to package.json and, per HTTP function, `POWERTOOLS_SERVICE_NAME` and
 * `POWERTOOLS_LOG_LEVEL` to the IaC.
 *
 * Options (lambdashift.config `["./powertools-logger.ts", { ... }]`):
 * - `serviceName`: default the service's package.json `name`;
 * - `logLevel`: TRACE, DEBUG, INFO (default), WARN, ERROR, CRITICAL or SILENT.
 */
import * as path from 'node:path';
import type { ASTPath, CallExpression, Collection, Identifier, JSCodeshift, Program, VariableDeclarator } from 'jscodeshift';
import { defineMigrationTransform, type GeneratedModule, type TransformContext } from 'lambdashift';

/** A top-level statement and an expression, as ast-types' unions (what the nodes' fields hold). */
type Statement = Program['body'][number];
type Expression = NonNullable<VariableDeclarator['init']>;

export const PACKAGE = '@aws-lambda-powertools/logger';
const RANGE = '^2.36.0';
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'];

export interface PowertoolsLoggerOptions {
  serviceName?: string;
  logLevel?: string;
}

/**
 * The options, checked (they come from JSON). A bad option throws: the run stops with the
 * transform's name and nothing is written, which beats deploying a half-configured logger.
 */
function settings(ctx: TransformContext<PowertoolsLoggerOptions>): { serviceName: string; logLevel: string } {
  const { serviceName, logLevel = 'INFO' } = ctx.options;
  if (serviceName !== undefined && (typeof serviceName !== 'string' || !serviceName.trim())) {
    throw new Error(`option serviceName must be a non-empty string, got ${JSON.stringify(serviceName)}`);
  }
  if (typeof logLevel !== 'string' || !LOG_LEVELS.includes(logLevel.toUpperCase())) {
    throw new Error(`option logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  return { serviceName: serviceName ?? ctx.project.name ?? path.basename(ctx.root), logLevel: logLevel.toUpperCase() };
}

/** The statement exporting the handler and the factory call it exports. */
interface HandlerExport {
  statement: ASTPath<Statement>;
  /** Replaces the exported value (the factory call) with `value`. */
  replace(value: Expression): void;
  /** `export const handler = ...` (declarator, for the TS type annotation) or `exports.handler = ...`. */
  declarator?: VariableDeclarator;
  call: CallExpression;
}

/** `export const <name> = f(...)`, `exports.<name> = f(...)` or `module.exports.<name> = f(...)` at top level. */
function findHandlerExport(j: JSCodeshift, root: Collection, name: string): HandlerExport | null {
  for (const p of root.find(j.ExportNamedDeclaration).paths()) {
    const decl = p.node.declaration;
    if (decl?.type !== 'VariableDeclaration' || decl.declarations.length !== 1) continue;
    const d = decl.declarations[0]!;
    if (d.type !== 'VariableDeclarator' || d.id.type !== 'Identifier' || d.id.name !== name || d.init?.type !== 'CallExpression') continue;
    return { statement: p as ASTPath<Statement>, declarator: d, call: d.init, replace: (v) => (d.init = v) };
  }
  for (const p of root.find(j.ExpressionStatement).paths()) {
    if (p.parent?.node.type !== 'Program') continue;
    const e = p.node.expression;
    if (e.type !== 'AssignmentExpression' || e.operator !== '=' || e.right.type !== 'CallExpression') continue;
    if (!isExportsMember(j, e.left, name)) continue;
    const assignment = e;
    return { statement: p as ASTPath<Statement>, call: e.right, replace: (v) => (assignment.right = v) };
  }
  return null;
}

function isExportsMember(j: JSCodeshift, node: unknown, name: string): boolean {
  if (!j.MemberExpression.check(node) || node.computed || !j.Identifier.check(node.property) || node.property.name !== name) return false;
  const obj = node.object;
  if (j.Identifier.check(obj)) return obj.name === 'exports';
  return j.MemberExpression.check(obj) && j.Identifier.check(obj.object) && obj.object.name === 'module' && j.Identifier.check(obj.property) && obj.property.name === 'exports';
}

/** Whether a top-level statement imports or requires a module; returns its specifier. */
function importedFrom(j: JSCodeshift, node: Statement): string | null {
  if (node.type === 'ImportDeclaration') return String(node.source.value);
  if (node.type !== 'VariableDeclaration') return null;
  for (const d of node.declarations) {
    let init = d.type === 'VariableDeclarator' ? d.init : null;
    while (init && init.type === 'MemberExpression') init = init.object;
    if (init && j.CallExpression.check(init) && j.Identifier.check(init.callee) && init.callee.name === 'require') {
      const arg = init.arguments[0];
      if (arg && (arg.type === 'StringLiteral' || arg.type === 'Literal') && typeof arg.value === 'string') return arg.value;
    }
  }
  return null;
}

/** `base`, else `fallback`, `fallback2`, ...: a name no identifier in the module uses yet. */
function freeName(taken: Set<string>, base: string, fallback = base): string {
  let name = fallback !== base && taken.has(base) ? fallback : base;
  for (let i = 2; taken.has(name); i++) name = `${fallback}${i}`;
  taken.add(name);
  return name;
}

/**
 * Adds Powertools logging to one generated HTTP handler module. Returns the new text,
 * `{ reason }` when the module does not have the expected shape, or `null` when it already
 * imports the logger (so a rerun, or a second transform doing the same, changes nothing).
 */
export function addPowertoolsLogging(
  mod: Pick<GeneratedModule, 'source' | 'j' | 'language'>,
  exportName: string,
  serviceName: string,
): { source: string } | { reason: string } | null {
  const { j } = mod;
  const root = j(mod.source);
  const body = root.get().node.program.body as Statement[];
  if (body.some((s) => importedFrom(j, s) === PACKAGE)) return null;
  const exported = findHandlerExport(j, root, exportName);
  if (!exported) return { reason: `no \`${exportName} = <factory>(app)\` export found` };
  const imports = body.map((s, i) => ({ i, from: importedFrom(j, s) })).filter((x): x is { i: number; from: string } => x.from !== null);
  if (imports.length === 0) return { reason: 'no import or require to place the Powertools import after' };

  // Names nothing in the module uses yet (a service may well export its own `logger`).
  const taken = new Set<string>(['event', 'context', 'result']);
  root.find(j.Identifier).forEach((p) => void taken.add(p.node.name));
  const LoggerName = freeName(taken, 'Logger', 'PowertoolsLogger');
  const loggerName = freeName(taken, 'logger', 'powertoolsLogger');
  const innerName = freeName(taken, 'httpHandler');
  // Templates keep their own layout when printed; each `${id(...)}` needs a fresh node.
  const id = (name: string): Identifier => j.identifier(name);
  const t = j.template;
  // Inserted statements drop their template positions: recast would otherwise space them as if
  // they came from this file (two of them can end up on one line).
  const placed = <T extends { loc?: unknown }>(node: T): T => {
    delete node.loc;
    return node;
  };

  // `const httpHandler = createExpressHandler(app);`, then the export becomes the wrapper.
  exported.statement.insertBefore(placed(t.statement`const ${id(innerName)} = ${exported.call};`));
  // (Flush left: recast prints a template with the layout it is written in.)
  exported.replace(t.expression`async (event, context) => {
  ${id(loggerName)}.addContext(context);
  const result = await ${id(innerName)}(event, context);
  ${id(loggerName)}.info('request handled', { statusCode: result.statusCode });
  return result;
}`);
  // TypeScript: the wrapper gets exactly the factory's handler type, so `event` and `context`
  // are typed under --strict without importing anything from aws-lambda.
  if (mod.language === 'ts' && exported.declarator?.id.type === 'Identifier') {
    exported.declarator.id.typeAnnotation = j.tsTypeAnnotation(j.tsTypeQuery(id(innerName)));
  }

  // The import after the last package import (relative imports stay last), the logger after
  // all imports. Both go after existing statements, so the generated header stays first.
  const esm = mod.language === 'ts' || body.some((s) => s.type === 'ImportDeclaration');
  const aliased = LoggerName !== 'Logger';
  const importNode = placed(
    esm
      ? aliased
        ? t.statement`import { Logger as ${id(LoggerName)} } from '@aws-lambda-powertools/logger';`
        : t.statement`import { Logger } from '@aws-lambda-powertools/logger';`
      : aliased
        ? t.statement`const { Logger: ${id(LoggerName)} } = require('@aws-lambda-powertools/logger');`
        : t.statement`const { Logger } = require('@aws-lambda-powertools/logger');`,
  );
  const loggerNode = placed(t.statement`const ${id(loggerName)} = new ${id(LoggerName)}({ serviceName: ${j.stringLiteral(serviceName)} });`);
  const lastImport = imports[imports.length - 1]!.i;
  const lastPackage = [...imports].reverse().find((x) => !x.from.startsWith('.') && !x.from.startsWith('/'))?.i ?? lastImport;
  body.splice(lastImport + 1, 0, loggerNode);
  body.splice(lastPackage + 1, 0, importNode);
  return { source: root.toSource({ quote: 'single' }) };
}

export default defineMigrationTransform<PowertoolsLoggerOptions>({
  name: 'powertools-logger',

  module(mod, ctx) {
    // Jobs stay as generated: their handler type (ScheduledJobHandler) declares no context
    // parameter, so a typed wrapper would need aws-lambda types; HTTP is what this example is about.
    if (mod.function.kind !== 'http') return undefined;
    const { serviceName } = settings(ctx);
    const out = addPowertoolsLogging(mod, mod.function.exportName, serviceName);
    if (out !== null && 'reason' in out) {
      ctx.report(`${mod.path} is left without Powertools logging: ${out.reason}`);
      return undefined;
    }
    ctx.addDependency(PACKAGE, RANGE);
    return out?.source;
  },

  iac(fn, ctx) {
    if (fn.kind !== 'http') return undefined;
    const { serviceName, logLevel } = settings(ctx);
    return { environment: { POWERTOOLS_SERVICE_NAME: serviceName, POWERTOOLS_LOG_LEVEL: logLevel } };
  },
});
