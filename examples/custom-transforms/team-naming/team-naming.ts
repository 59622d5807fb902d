/**
 * team-naming: names Lambda functions (and their modules) after the team's scheme, and keeps
 * chosen routes and jobs on the old service.
 *
 * Before (lambdashift's names):
 *
 *     getApiUsersById   lambda/http/getApiUsersById.ts     GET /api/users/:id
 *     getHealth         lambda/http/getHealth.ts           GET /health
 *     closeMonth        lambda/jobs/closeMonth.ts          cron job
 *
 * After, with `["./team-naming.ts", { "prefix": "users", "keep": ["GET /health/**"] }]`:
 *
 *     users-get-api-users-id   lambda/http/users-get-api-users-id.ts
 *     (GET /health stays on the old service: no module, no IaC, its handler stays inline)
 *     users-job-close-month    lambda/jobs/users-job-close-month.ts
 *
 * Names: `<prefix>-<method>-<path words>` for a function serving one route, `<prefix>-job-<name>`
 * for a job, `<prefix>-<name>` for a function serving several routes (--granularity router|app),
 * all in kebab case; without `prefix`, the same without `<prefix>-`.
 *
 * `keep` patterns:
 * - `METHOD /glob` (`GET /health/**`): routes with that method whose path matches the glob;
 * - `/glob` (`/api/v1/**`): routes with any method;
 * - `JOB glob` (`JOB nightly*`): jobs whose function name matches.
 * Globs are picomatch globs over the route path as the app registers it (`/users/:id`). A
 * function is kept only when every one of its routes matches; when only some do, it is
 * migrated with all of them and a warning says so.
 */
import picomatch from 'picomatch';
import { defineMigrationTransform, type FunctionDraft, type FunctionRoute, type TransformContext } from 'lambdashift';

export interface TeamNamingOptions {
  prefix?: string;
  keep?: string[];
}

interface KeepPattern {
  text: string;
  kind: 'route' | 'job';
  /** Upper case; undefined: any method. */
  method?: string;
  test: (value: string) => boolean;
}

/** Parses and checks the options (they come from JSON); a bad one stops the run. */
function settings(ctx: TransformContext<TeamNamingOptions>): { prefix: string; keep: KeepPattern[] } {
  const { prefix = '', keep = [] } = ctx.options;
  if (typeof prefix !== 'string' || (prefix !== '' && !/^[A-Za-z][A-Za-z0-9-]*$/.test(prefix))) {
    throw new Error(`option prefix must start with a letter and hold only letters, digits and -, got ${JSON.stringify(prefix)}`);
  }
  if (!Array.isArray(keep) || !keep.every((k) => typeof k === 'string')) {
    throw new Error(`option keep must be a list of patterns ("GET /health/**", "/api/v1/**", "JOB nightly*"), got ${JSON.stringify(keep)}`);
  }
  return { prefix: kebab(prefix), keep: keep.map(parsePattern) };
}

function parsePattern(text: string): KeepPattern {
  const m = /^\s*(?:([A-Za-z]+)\s+)?(\S+)\s*$/.exec(text);
  if (!m) throw new Error(`keep pattern ${JSON.stringify(text)} is not "METHOD /glob", "/glob" or "JOB glob"`);
  const word = m[1]?.toUpperCase();
  const glob = m[2]!;
  if (word === 'JOB') return { text, kind: 'job', test: picomatch(glob) };
  if (!glob.startsWith('/')) throw new Error(`keep pattern ${JSON.stringify(text)}: a route glob starts with /`);
  return { text, kind: 'route', method: word, test: picomatch(glob, { dot: true }) };
}

function routeMatches(p: KeepPattern, r: FunctionRoute): boolean {
  return p.kind === 'route' && (p.method === undefined || p.method === r.method) && p.test(r.path);
}

/** `getApiUsers` → `get-api-users`, `v1` stays `v1`, anything else non-alphanumeric → `-`. */
function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-');
}

/** `/api/users/:userId(\\d+)/*` → `api-users-user-id-any`; `/` → `root`. */
function pathWords(path: string): string {
  const words = path
    .split('/')
    .map((segment) => segment.replace(/\(.*\)/g, '')) // regex constraints (`:id(\\d+)`)
    .map((segment) => (/^[*{}/?]+$/.test(segment) ? 'any' : kebab(segment)))
    .filter(Boolean);
  return words.length ? words.join('-') : 'root';
}

/** The team's name for a function (the rename validates it: letters first, letters/digits/-/_). */
export function teamName(fn: Pick<FunctionDraft, 'kind' | 'name' | 'routes'>, prefix: string): string {
  const head = prefix ? `${prefix}-` : '';
  if (fn.kind === 'schedule') return `${head}job-${kebab(fn.name)}`;
  const [route] = fn.routes;
  // Several routes (router or app granularity): lambdashift's name says which router or app.
  if (fn.routes.length !== 1 || !route) return `${head}${kebab(fn.name)}`;
  return `${head}${route.method.toLowerCase()}-${pathWords(route.path)}`;
}

const list = (routes: readonly FunctionRoute[]): string => routes.map((r) => `${r.method} ${r.path}`).join(', ');

export default defineMigrationTransform<TeamNamingOptions>({
  name: 'team-naming',

  functions(fn, ctx) {
    const { prefix, keep } = settings(ctx);
    if (fn.kind === 'schedule') {
      const p = keep.find((k) => k.kind === 'job' && k.test(fn.name));
      if (p) return fn.skip(`kept by ${JSON.stringify(p.text)}`);
    } else {
      const kept = fn.routes.filter((r) => keep.some((p) => routeMatches(p, r)));
      if (kept.length > 0 && kept.length === fn.routes.length) {
        const used = keep.filter((p) => kept.some((r) => routeMatches(p, r)));
        return fn.skip(`kept by ${used.map((p) => JSON.stringify(p.text)).join(', ')}`);
      }
      // One function cannot be half kept: say so, and migrate all of it.
      if (kept.length > 0) {
        const rest = fn.routes.filter((r) => !kept.includes(r));
        ctx.report(`keep matches ${list(kept)}, but ${fn.name} also serves ${list(rest)}, so all of it is migrated (--granularity route gives each route its own function)`);
      }
    }
    // Two routes can map to one name (`/files/:id` and `/files/id`): number the later ones.
    const wanted = teamName(fn, prefix);
    const free = [wanted, ...Array.from({ length: 8 }, (_, i) => `${wanted}-${i + 2}`)].find((n) => fn.renameProblem(n) === null);
    // None free (or the name is invalid): rename anyway, and the runner reports why it refused.
    fn.rename(free ?? wanted);
  },
});
