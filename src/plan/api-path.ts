/**
 * Express/Koa route paths → API Gateway resource paths.
 *
 *   /users/:id          → /users/{id}
 *   /users/:id?         → /users and /users/{id}          (optional params → one path each)
 *   /files/*            → /files/{proxy+}                 (trailing wildcard → greedy param)
 *   /files/*splat       → /files/{splat+}                 (Express 5 / path-to-regexp 8)
 *   /items{/:id}        → /items and /items/{id}          (Express 5 optional group)
 *
 * API Gateway parameters must span whole segments and greedy ones must come last; anything
 * else is returned as an error with the reason. The generated function still routes with the
 * framework's own matcher, so `{id}` accepting more than `:id(\\d+)` changes nothing.
 */
import type { RegexPath } from '../model/service-model';

export type ApiPathResult = { ok: true; paths: string[] } | { ok: false; reason: string };

// Characters both path-to-regexp versions read literally (+, (, ), ! and ? are pattern syntax).
const SAFE_LITERAL = /^[A-Za-z0-9._~$&',;=@-]+$/;
const MAX_VARIANTS = 8;

/** Expands Express 5 `{...}` optional groups into every combination (innermost first). */
function expandOptionalGroups(path: string): string[] | null {
  const open = path.lastIndexOf('{');
  if (open === -1) return path.includes('}') ? null : [path];
  const close = path.indexOf('}', open);
  if (close === -1) return null;
  const inner = path.slice(open + 1, close);
  const rest = [path.slice(0, open) + path.slice(close + 1), path.slice(0, open) + inner + path.slice(close + 1)];
  const out: string[] = [];
  for (const r of rest) {
    const e = expandOptionalGroups(r);
    if (!e) return null;
    out.push(...e);
  }
  return out;
}

/**
 * Converts one route path (Express 4 syntax when `options.expressMajor` is 4, else
 * path-to-regexp 8, Express 5's).
 *
 * @example
 * import { toApiGatewayPath } from 'lambdashift';
 * toApiGatewayPath('/users/:id');                      // → { ok: true, paths: ['/users/{id}'] }
 * toApiGatewayPath('/users/:id?', { expressMajor: 4 }); // → { ok: true, paths: ['/users', '/users/{id}'] }
 * toApiGatewayPath('/files/*splat');                   // → { ok: true, paths: ['/files/{splat+}'] }
 * toApiGatewayPath('/users/:id?');                     // → { ok: false, reason: '`?` is not valid in Express 5 paths (`/users/:id?`)' }
 */
export function toApiGatewayPath(path: string, options: { expressMajor?: number | null } = {}): ApiPathResult {
  const v5 = options.expressMajor !== 4;
  // `{/:lang}/docs` (Express 5) starts with its optional first segment.
  if (!path.startsWith('/') && !(v5 && path.startsWith('{/'))) path = `/${path}`;
  let variants: string[] = [path];
  if (v5 && /[{}]/.test(path)) {
    const expanded = expandOptionalGroups(path);
    if (!expanded) return { ok: false, reason: `unbalanced braces in \`${path}\`` };
    variants = expanded;
  }
  const results: string[][] = [];
  for (const variant of variants) {
    let partial: string[][] = [[]];
    const segments = variant.split('/').slice(1);
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      if (seg === '') {
        if (last) continue; // trailing slash: API Gateway treats `/a/` as `/a`
        return { ok: false, reason: `empty segment in \`${path}\`` };
      }
      const param = /^:([A-Za-z_$][\w$]*)(\([^/]*\))?(\?)?$/.exec(seg);
      if (param) {
        if (param[3] && v5) return { ok: false, reason: `\`?\` is not valid in Express 5 paths (\`${path}\`)` };
        const name = param[1]!;
        if (param[3]) partial = [...partial, ...partial.map((p) => [...p, `{${name}}`])];
        else partial = partial.map((p) => [...p, `{${name}}`]);
        continue;
      }
      const star = v5 ? /^\*([A-Za-z_$][\w$]*)$/.exec(seg) : seg === '*' ? ['*', 'proxy'] : null;
      if (star) {
        if (!last) return { ok: false, reason: `a wildcard is only expressible as the last segment in API Gateway (\`${path}\`)` };
        partial = partial.map((p) => [...p, `{${star[1]}+}`]);
        continue;
      }
      if (!SAFE_LITERAL.test(seg) || (!v5 && /[*?]/.test(seg))) {
        return { ok: false, reason: `segment \`${seg}\` of \`${path}\` mixes parameters, wildcards or pattern characters with text, which API Gateway paths cannot express` };
      }
      partial = partial.map((p) => [...p, seg]);
    }
    results.push(...partial);
  }
  const paths = [...new Set(results.map((segs) => `/${segs.join('/')}`))];
  // Optional params in Express 4 put the shorter variant first; keep a stable, readable order.
  paths.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  if (paths.length > MAX_VARIANTS) return { ok: false, reason: `\`${path}\` expands to ${paths.length} API Gateway paths (more than ${MAX_VARIANTS})` };
  return { ok: true, paths };
}

/**
 * Characters that may let a segment match across `/` in the older syntaxes: path-to-regexp 0.1
 * (Express 4: `*` is `.*`, groups) and 6 (legacy Koa routers: `{...}` groups, `:p+`/`:p*` repeat
 * whole segments).
 */
const SPANNING_V4 = /[*+(){}\\]/;
/** Characters path-to-regexp 8 (Express 5) refuses in a path: the original app throws on them. */
const RESERVED_V5 = /[()[\]?+!\\]/;

/**
 * The nearest API Gateway paths that cover every request a route matches, for a path
 * {@link toApiGatewayPath} refuses; the function's own router still makes the exact match.
 *
 *   /users/:from-:to    → /users/{fromTo}     (a segment mixing params and text → one param)
 *   /files/:name.json   → /files/{name}
 *   /files/*.json       → /files/{proxy+}     (a wildcard inside a segment can span segments)
 *   /a/:id(\\d+)x/b     → /a/{proxy+}         (Express 4 groups: greedy from there on)
 *
 * Returns null when there is nothing to cover: the exact conversion works, or the original
 * app itself throws on the path (Express 5's reserved characters, unbalanced braces).
 *
 * @example
 * import { coarseApiGatewayPath } from 'lambdashift';
 * coarseApiGatewayPath('/users/:from-:to');                   // → ['/users/{fromTo}']
 * coarseApiGatewayPath('/files/*.json', { expressMajor: 4 }); // → ['/files/{proxy+}']
 */
export function coarseApiGatewayPath(path: string, options: { expressMajor?: number | null } = {}): string[] | null {
  const v5 = options.expressMajor !== 4;
  if (toApiGatewayPath(path, options).ok) return null;
  if (!path.startsWith('/') && !(v5 && path.startsWith('{/'))) path = `/${path}`;
  let variants = [path];
  if (v5) {
    if (RESERVED_V5.test(path)) return null;
    const expanded = /[{}]/.test(path) ? expandOptionalGroups(path) : [path];
    if (!expanded) return null;
    variants = expanded;
  }
  const out = new Set<string>();
  for (const variant of variants) {
    const segments = variant.split('/').slice(1);
    const kept: string[] = [];
    const names = new Set<string>();
    const unique = (base: string): string => {
      let name = base;
      for (let i = 2; names.has(name); i++) name = `${base}${i}`;
      names.add(name);
      return name;
    };
    let greedy = false;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      if (seg === '' && last) continue;
      const alone = seg !== '' && toApiGatewayPath(`/${seg}`, options);
      if (alone && alone.ok && (last || !alone.paths.some((p) => p.endsWith('+}')))) {
        for (const m of seg.matchAll(/[:*]([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
        kept.push(seg);
        continue;
      }
      if (seg === '' || (v5 ? seg.includes('*') : SPANNING_V4.test(seg))) {
        greedy = true;
        break;
      }
      // Text and params within one segment: one variable, named after the params in it.
      const params = [...seg.matchAll(/:([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!);
      const base = params.length ? params.map((p, j) => (j ? p[0]!.toUpperCase() + p.slice(1) : p)).join('') : 'param';
      kept.push(`:${unique(base)}`);
    }
    if (greedy) kept.push(v5 ? `*${unique('proxy')}` : '*');
    const api = toApiGatewayPath(`/${kept.join('/')}`, options);
    if (!api.ok) return null;
    for (const p of api.paths) out.add(p);
  }
  const paths = [...out].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return paths.length && paths.length <= MAX_VARIANTS ? paths : null;
}

/**
 * The `expressMajor` whose path rules are a Koa router's. @koa/router and koa-router 14+ (and
 * 13.0.1–13.0.x) use path-to-regexp 8, Express 5's syntax (`{/:id}`, `*splat`); older ones use
 * path-to-regexp 6, whose `:id` and `:id?` read as in Express 4, and what the two do not share
 * (`(.*)`, `:path*`) is refused rather than guessed.
 */
export function koaRouterPathMajor(version: string | null | undefined): number {
  const m = version ? /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version) : null;
  if (!m) return 5;
  const [major, minor, patch] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if (major >= 14 || (major === 13 && minor === 0 && patch >= 1)) return 5;
  return 4;
}

/**
 * Joins a mount prefix and a route path the way Express composes them.
 *
 * @example
 * import { joinPaths } from 'lambdashift';
 * joinPaths('/api/', '/users/:id'); // → '/api/users/:id'
 * joinPaths('/api', '/');           // → '/api'
 */
export function joinPaths(prefix: string, path: string): string {
  const a = prefix.replace(/\/+$/, '');
  const b = path === '/' ? '' : path.startsWith('/') || path.startsWith('{/') ? path : `/${path}`;
  return `${a}${b}` || '/';
}

/**
 * Gives path variables at the same position of the same parent one name across all paths:
 * API Gateway (REST) refuses sibling resources with differently named variables
 * (`/users/{id}` next to `/users/{userId}/orders`). Renaming is safe because the function
 * still matches the route with the framework's own matcher. Greedy variables keep their names.
 * Returns a map from each original path to its unified form. Names come from `preferred`
 * paths first (exact ones, whose names the user chose, before coarse ones).
 */
export function unifyPathVariables(paths: string[], preferred: string[] = []): Map<string, string> {
  const chosen = new Map<string, string>(); // parent prefix (unified) → variable name
  const out = new Map<string, string>();
  const first = new Set(preferred);
  for (const p of [...[...first].sort(), ...[...new Set(paths)].filter((x) => !first.has(x)).sort()]) {
    const segs = p.split('/').filter(Boolean);
    const unified: string[] = [];
    for (const seg of segs) {
      const parent = `/${unified.join('/')}`;
      const m = /^\{([^}+]+)\}$/.exec(seg);
      if (m) {
        const name = chosen.get(parent) ?? m[1]!;
        chosen.set(parent, name);
        unified.push(`{${name}}`);
      } else {
        unified.push(seg);
      }
    }
    out.set(p, `/${unified.join('/')}`);
  }
  return out;
}

export type { RegexPath };

/** The regex as a literal a generated module can write: `/^\/files\/(\d+)$/i` (`/` escaped by RegExp itself). */
export function regexLiteralText(regex: RegexPath): string {
  return String(new RegExp(regex.source, regex.flags));
}

/** Whether `source` has a `|` outside any group or class: then `^` anchors only the first branch. */
function topLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

const REGEX_SYNTAX = '.^$|?*+()[]{}';

/**
 * The literal text every match of a route regex starts with, read from its source, and whether
 * the regex is exactly that text (`^\/health$`). Only what is provable counts: the regex must be
 * anchored with `^` (no `m` flag, no top-level `|`); the prefix stops at the first class,
 * group, escape class (`\d`), `.` or an atom a quantifier may leave out; with the `i` flag it
 * stops before the first letter (which a request may write in either case).
 *
 * @example
 * regexLiteralPrefix({ source: '^\\/files\\/(\\d+)$', flags: '' }); // → { literal: '/files/', exact: false }
 * regexLiteralPrefix({ source: '.*fly$', flags: '' });             // → { literal: '', exact: false, reason: '...' }
 */
export function regexLiteralPrefix(regex: RegexPath): { literal: string; exact: boolean; reason?: string } {
  const { source, flags } = regex;
  if (flags.includes('m')) return { literal: '', exact: false, reason: 'its `m` flag lets `^` match after a line break' };
  if (!source.startsWith('^')) return { literal: '', exact: false, reason: 'it is not anchored with `^`, so it may match anywhere in the path' };
  if (topLevelAlternation(source)) return { literal: '', exact: false, reason: 'it has a top-level `|`, so `^` anchors only its first branch' };
  let literal = '';
  let exact = false;
  for (let i = 1; i < source.length; ) {
    const c = source[i]!;
    if (c === '$') {
      exact = i === source.length - 1;
      break;
    }
    let ch: string;
    let len: number;
    if (c === '\\') {
      const d = source[i + 1];
      // `\/`, `\.`, `\-` are the character itself; `\d`, `\w`, `\b`, `\1`, `\x2f` are not one literal.
      if (d === undefined || /[A-Za-z0-9]/.test(d)) break;
      ch = d;
      len = 2;
    } else {
      if (REGEX_SYNTAX.includes(c)) break;
      ch = c;
      len = 1;
    }
    const q = source[i + len];
    if (q === '?' || q === '*' || q === '{') break;
    literal += ch;
    if (q === '+') break; // once for sure, then unknown
    i += len;
  }
  if (flags.includes('i')) {
    const cased = [...literal].findIndex((ch) => ch.toLowerCase() !== ch.toUpperCase());
    if (cased !== -1) {
      literal = literal.slice(0, cased);
      exact = false;
    }
  }
  return { literal, exact };
}

/**
 * The API Gateway paths that cover every request a regex route can match, mounted at
 * `prefix` (Express strips the mount path before matching; a Koa router tests the whole path,
 * so its prefix is ''): the longest literal prefix of the regex up to a whole segment, then
 * `{proxy+}`; a regex that is exactly one literal path gets that path. The mount path itself
 * is included when the regex may match its `/`. Null (with the reason) when the prefix cannot
 * be expressed.
 *
 * @example
 * regexApiGatewayPaths('', { source: '^\\/files\\/(\\d+)$', flags: '' });  // → { paths: ['/files/{proxy+}'] }
 * regexApiGatewayPaths('/api', { source: '.*fly$', flags: '' });          // → { paths: ['/api', '/api/{proxy+}'], ... }
 */
export function regexApiGatewayPaths(prefix: string, regex: RegexPath, options: { expressMajor?: number | null } = {}): { paths: string[]; reason: string } | { paths: null; reason: string } {
  const read = regexLiteralPrefix(regex);
  const why = read.reason ? `a regular expression path without a literal prefix API Gateway can route on (${read.reason})` : 'a regular expression path';
  const base = prefix === '' || prefix === '/' ? { ok: true as const, paths: ['/'] } : toApiGatewayPath(prefix, options);
  if (!base.ok) return { paths: null, reason: `${why} under a mount path API Gateway cannot express (${base.reason})` };
  // Every request path starts with `/`: a literal that does not cannot be relied on.
  const literal = read.literal.startsWith('/') ? read.literal : '';
  const segments = literal.split('/').slice(1);
  const whole = read.exact && literal.length > 1 && !literal.endsWith('/') && segments.every((s) => SAFE_LITERAL.test(s));
  const kept: string[] = [];
  // Whole segments only: the text after the literal's last `/` may continue with anything.
  for (const seg of whole ? segments : segments.slice(0, -1)) {
    if (!SAFE_LITERAL.test(seg)) break;
    kept.push(seg);
  }
  const join = (b: string, tail: string): string => (b === '/' ? tail || '/' : `${b}${tail}`);
  const tail = kept.length ? `/${kept.join('/')}` : '';
  const out = new Set<string>();
  for (const b of base.paths) {
    if (whole && kept.length === segments.length) {
      out.add(join(b, tail));
      continue;
    }
    out.add(join(b, `${tail}/{proxy+}`));
    // `/api` itself reaches a router mounted there as `/`: covered when the regex may match `/`.
    if (!tail && b !== '/' && literal.length <= 1) out.add(b);
  }
  const paths = [...out].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return { paths, reason: why };
}
