/**
 * Identifier naming shared by the scanner (names of extracted handlers) and the planner
 * (Lambda function names). Names derive from method and path only, so they are stable
 * across runs.
 */

function words(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (!segment) continue;
    // `:id`, `:id?`, `:id(\\d+)`, `{/:id}`, `*splat`, `*`
    const param = /^\{?\/?[:*]([A-Za-z_$][\w$]*)?/.exec(segment);
    if (param) {
      // An unnamed `*` is the rest of the path under its prefix: `/docs/*` → `docsCatchAll`.
      if (param[1]) out.push('by', param[1]);
      else out.push('catch', 'all');
      continue;
    }
    out.push(...segment.split(/[^A-Za-z0-9]+/).filter(Boolean));
  }
  return out;
}

const cap = (w: string): string => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

/**
 * `('get', '/users/:id')` → `getUsersById`; `('all', '/')` → `allRoot`; a path that starts
 * with the method's own word does not repeat it (`('get', '/get-report-email')` →
 * `getReportEmail`).
 */
export function routeIdentifier(method: string, path: string): string {
  const parts = words(path);
  if (method && parts.length > 1 && parts[0]!.toLowerCase() === method.toLowerCase()) parts.shift();
  const tail = parts.length ? parts.map(cap).join('') : 'Root';
  const name = `${method.toLowerCase()}${tail}`.replace(/[^A-Za-z0-9_$]/g, '');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/**
 * The path a regex route's names are made from: its literal text is no name, its literal
 * prefix is (`/^\/files\/(\d+)$/` → `/files/pattern` → `getFilesPattern`).
 */
export function regexNamingPath(regex: { source: string }): string {
  const m = /^\^((?:\\\/|[A-Za-z0-9_-])+)/.exec(regex.source);
  return `${(m?.[1] ?? '').replace(/\\\//g, '/')}/pattern`;
}

/** Function name for a whole app (`--granularity app`): `admin` → `adminApp`, `app` → `app`. */
export function appFunctionName(appName: string): string {
  return /app$/i.test(appName) ? appName : `${appName}App`;
}

/** Makes `name` unique against `taken` by appending 2, 3, ... and records it. */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}${i}`;
  taken.add(candidate);
  return candidate;
}

/** Identifiers already used anywhere in a source text (a cheap, conservative collision set). */
export function identifiersIn(source: string): Set<string> {
  return new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** `cleanup-sessions` → `cleanupSessions`: a camel-case identifier from free text ('' when none). */
export function camelIdentifier(s: string): string {
  return s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))
    .replace(/^[^A-Za-z_$]+/, '')
    .replace(/^[A-Z]/, (c) => c.toLowerCase());
}

/**
 * Words that cannot name a binding in strict-mode code or an ES module (keywords, future
 * reserved words, `eval`/`arguments`), plus globals a module-level binding must not shadow.
 */
const RESERVED_WORDS = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'eval', 'arguments',
  'undefined', 'NaN', 'Infinity', 'globalThis',
]);

/** Whether `name` may be declared as a binding in strict-mode code and in an ES module. */
export function isBindableName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED_WORDS.has(name);
}

/** `protected` → `_protected`: a bindable identifier for a name that is reserved. */
export function bindableName(name: string): string {
  return isBindableName(name) ? name : `_${name}`;
}

/**
 * What an expression says about the value it names, for choosing identifiers: a reference
 * (`jobs.purgeSessions` → `purgeSessions`) or a call with its callee's last name and, per
 * argument, a string literal, a reference name, or null (anything else).
 */
export type CallHint = {
  call: string;
  args: Array<{ text: string } | { ref: string } | null>;
  /** The object the factory is called on (`passport` of `passport.session()`), to tell two factories of the same name apart. */
  owner?: string;
};
export type NameHint = { ref: string } | CallHint;

const lowerFirst = (w: string): string => (w ? w[0]!.toLowerCase() + w.slice(1) : w);

/** `jobs.sendDigest('daily')` → `sendDigestDaily`; `purgeSessions` → `purgeSessions`. */
function hintWords(hint: NameHint): string {
  if ('ref' in hint) return hint.ref;
  const args = hint.args.map((a) => (a === null ? '' : 'ref' in a ? a.ref : camelIdentifier(a.text))).filter(Boolean);
  return `${hint.call}${args.map(cap).join('')}`;
}

/** Name of a scheduled job after the function it runs (null when the code says nothing). */
export function jobIdentifier(hint: NameHint | null): string | null {
  if (!hint) return null;
  const name = camelIdentifier(hintWords(hint));
  return name ? bindableName(lowerFirst(name)) : null;
}

/** Factories that wrap a route handler (`asyncHandler(fn)`, `catchAsync(fn)`, `wrap(fn)`). */
const HANDLER_WRAPPER = /^(async|catch|wrap|try|safe)|(handler|async|errors?|wrap|wrapper)$/i;

/**
 * Name for a middleware or handler created by a call, after its factory and argument:
 * `asyncHandler(createLink)` → `createLinkHandler`, `validate(schemas.createUser)` →
 * `validateCreateUser`, `viewTemplate('home')` → `viewTemplateHome`, `rateLimit({...})` →
 * `rateLimitMiddleware`.
 */
export function middlewareIdentifier(hint: CallHint): string {
  const first = hint.args[0] ?? null;
  if (first && 'ref' in first && HANDLER_WRAPPER.test(hint.call)) return bindableName(`${lowerFirst(first.ref)}Handler`);
  const words = hint.args.slice(0, 2).map((a) => (a === null ? '' : 'ref' in a ? a.ref : camelIdentifier(a.text))).filter(Boolean);
  const name = camelIdentifier(`${hint.call}${words.map(cap).join('')}`);
  if (!name) return 'middleware';
  return words.length ? lowerFirst(name) : `${lowerFirst(name)}Middleware`;
}
