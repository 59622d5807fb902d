/**
 * How a file exports things, and how the transforms add exports.
 *
 * CommonJS exports are added as `module.exports.name = name;` appended as the file's last
 * statement. `exports.name = ...` earlier in the file would be lost when the file later does
 * `module.exports = router`; assigning onto `module.exports` after everything else reaches the
 * final exported object whether or not it was replaced.
 */
import { type AnyNode, isIdentifier, isModuleExports, memberName, programBody, unwrap } from './ast';

/** The last top-level `module.exports = value`, if any. */
export function moduleExportsValue(program: AnyNode): AnyNode | null {
  let value: AnyNode | null = null;
  for (const s of programBody(program)) {
    const e = s.type === 'ExpressionStatement' ? s.expression : null;
    if (e?.type === 'AssignmentExpression' && e.operator === '=' && isModuleExports(e.left)) value = unwrap(e.right);
  }
  return value;
}

/**
 * Properties that `module.exports.name = ...` must not overwrite when `module.exports` was
 * replaced by a function (an Express/Koa app or router): the function's own properties
 * (read-only `name`/`length` throw in strict mode) and the framework's methods.
 */
const RESERVED_ON_EXPORTED_FUNCTION = new Set([
  // Function.prototype and Object.prototype
  'name', 'length', 'prototype', 'caller', 'arguments', 'call', 'apply', 'bind', 'toString', 'constructor',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'valueOf', 'toLocaleString',
  // EventEmitter (Express apps and Koa apps are emitters)
  'on', 'once', 'off', 'emit', 'addListener', 'removeListener', 'removeAllListeners', 'listeners', 'rawListeners',
  'listenerCount', 'eventNames', 'setMaxListeners', 'getMaxListeners', 'prependListener', 'prependOnceListener', 'domain',
  // Express apps and routers (4 and 5), including every HTTP method they define
  'get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all', 'use', 'route', 'param', 'handle', 'stack',
  'params', 'caseSensitive', 'mergeParams', 'strict', 'set', 'enable', 'disable', 'enabled', 'disabled', 'engine',
  'engines', 'listen', 'render', 'locals', 'mountpath', 'settings', 'init', 'path', 'router', '_router', 'lazyrouter',
  'cache', 'parent', 'request', 'response', 'defaultConfiguration', 'acl', 'bind', 'checkout', 'connect', 'copy',
  'link', 'lock', 'merge', 'mkactivity', 'mkcalendar', 'mkcol', 'move', 'notify', 'propfind', 'proppatch', 'purge',
  'query', 'rebind', 'report', 'search', 'source', 'subscribe', 'trace', 'unbind', 'unlink', 'unlock', 'unsubscribe',
  // Koa apps and routers
  'routes', 'allowedMethods', 'middleware', 'prefix', 'callback', 'context', 'proxy', 'proxyIpHeader',
  'maxIpsCount', 'subdomainOffset', 'env', 'keys', 'silent', 'handleRequest', 'register', 'match', 'methods',
  'opts', 'host', 'exclusive', 'createContext', 'onerror', 'toJSON', 'inspect', 'redirect', 'url', 'layer', 'redirect',
]);

/** Why `module.exports.name = name` would be unsafe in this file, or null. */
export function cjsExportProblem(program: AnyNode, name: string): string | null {
  const value = moduleExportsValue(program);
  if (!value || value.type === 'ObjectExpression') return null;
  if (!RESERVED_ON_EXPORTED_FUNCTION.has(name)) return null;
  return `\`module.exports\` is replaced by another object, and adding \`${name}\` to it would overwrite its own \`${name}\` property`;
}

/** Names the file exports under their local name, or exports as the default. */
export function exportedLocals(program: AnyNode): Set<string> {
  const out = new Set<string>();
  const addDecl = (decl: AnyNode | null | undefined): void => {
    if (!decl) return;
    if (decl.id && decl.id.type === 'Identifier') out.add(decl.id.name);
    if (decl.type === 'VariableDeclaration') for (const d of decl.declarations) if (isIdentifier(d.id)) out.add(d.id.name);
  };
  for (const s of programBody(program)) {
    if (s.type === 'ExportNamedDeclaration') {
      addDecl(s.declaration);
      if (!s.source) for (const spec of s.specifiers ?? []) if (spec.local) out.add(spec.local.name);
    } else if (s.type === 'ExportDefaultDeclaration') {
      if (isIdentifier(s.declaration)) out.add(s.declaration.name);
      else addDecl(s.declaration);
    } else if (s.type === 'TSExportAssignment' && isIdentifier(s.expression)) {
      out.add(s.expression.name);
    } else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      const { left, right } = s.expression;
      const value = unwrap(right);
      // module.exports = x / module.exports = { x, y: x }
      if (isModuleExports(left)) {
        if (isIdentifier(value)) out.add(value.name);
        if (value.type === 'ObjectExpression') {
          for (const p of value.properties) if (p.value && isIdentifier(unwrap(p.value))) out.add(unwrap(p.value).name);
        }
      }
      // module.exports.y = x / exports.y = x
      const target = left.type === 'MemberExpression' ? left.object : null;
      if (target && (isModuleExports(target) || isIdentifier(target, 'exports')) && memberName(left) && isIdentifier(value)) {
        out.add(value.name);
      }
    }
  }
  return out;
}

/** `module.exports.name = name;` */
export function cjsExportLine(name: string, semicolon = true): string {
  return `module.exports.${name} = ${name}${semicolon ? ';' : ''}`;
}

/** Appends whole lines at the end of the file, after a line break if the file lacks a final one. */
export function appendStatements(source: string, lines: string[]): string {
  if (!lines.length) return source;
  const nl = source.includes('\r\n') ? '\r\n' : '\n';
  const body = source.length === 0 || source.endsWith('\n') ? source : source + nl;
  return body + lines.map((l) => l + nl).join('');
}
