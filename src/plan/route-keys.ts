/**
 * API Gateway route keys the functions of one service can all hold at once. After coarse paths
 * (`/files/*.json` → `/files/{proxy+}`) two kinds of clash appear that API Gateway refuses:
 *
 *   - a greedy variable beside a plain one under the same parent (`/files/{proxy+}` and
 *     `/files/{name}`): a REST API allows one variable child per resource. The plain one is
 *     widened to the greedy one, which covers it; the function's own router still makes the
 *     exact match, so widening changes which function answers, never what is answered.
 *   - one key (`GET /users/{id}`) claimed by two functions: the planner merges them
 *     (`plan-http.ts`), since one integration per route is all API Gateway has.
 *
 * Sibling variables with different names are unified first (`unifyPathVariables`), greedy ones
 * here too (`/files/{proxy+}` beside `/files/{splat+}` → one name).
 */

const isVariable = (seg: string): boolean => /^\{[^}]+\}$/.test(seg);
const isGreedy = (seg: string): boolean => /^\{[^}]+\+\}$/.test(seg);

/**
 * Maps each path to the one it must become so that no parent has a greedy variable child
 * beside another variable child, and greedy siblings share one name. Paths that need no
 * change map to themselves. Expects `unifyPathVariables` to have named plain siblings alike.
 *
 * @example
 * widenGreedySiblings(['/files/{proxy+}', '/files/{name}', '/files/{name}/meta', '/users/{id}']);
 * // → /files/{name} and /files/{name}/meta → /files/{proxy+}; the others unchanged
 */
export function widenGreedySiblings(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let current = [...new Set(paths)].sort();
  for (const p of current) out.set(p, p);
  // Each round settles the shallowest parent with a clash; widening only removes deeper paths.
  for (let round = 0; round < 64; round++) {
    const children = new Map<string, Set<string>>(); // parent → variable children
    for (const p of current) {
      const segs = p.split('/').filter(Boolean);
      segs.forEach((seg, i) => {
        if (!isVariable(seg)) return;
        const parent = `/${segs.slice(0, i).join('/')}`;
        (children.get(parent) ?? children.set(parent, new Set()).get(parent)!).add(seg);
      });
    }
    const clash = [...children.entries()]
      .filter(([, kids]) => kids.size > 1 && [...kids].some(isGreedy))
      .sort(([a], [b]) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))[0];
    if (!clash) break;
    const [parent, kids] = clash;
    const greedy = [...kids].filter(isGreedy).sort()[0]!;
    const depth = parent === '/' ? 0 : parent.split('/').length - 1;
    const rewrite = (p: string): string => {
      const segs = p.split('/').filter(Boolean);
      if (`/${segs.slice(0, depth).join('/')}` !== parent || segs.length <= depth || !isVariable(segs[depth]!)) return p;
      return `${parent === '/' ? '' : parent}/${greedy}`;
    };
    for (const [from, to] of out) out.set(from, rewrite(to));
    current = [...new Set(current.map(rewrite))].sort();
  }
  return out;
}

/** The requests API Gateway sends a function for one of its routes: method and path segments. */
export interface RequestSpace {
  /** Lower case method or `all`. */
  method: string;
  /** Segment lists of the route's API paths (`{id}`, `{proxy+}` as they are). */
  segments: string[][];
}

export function requestSpace(route: { method: string; apiPaths: string[] }): RequestSpace {
  return { method: route.method, segments: route.apiPaths.map((p) => p.split('/').filter(Boolean)) };
}

interface KeyedRoute {
  method: string;
  path: string;
  apiPaths: string[];
  source: { file: string; line: number; column: number };
}

/** The keys a route claims: `GET /x` claims `HEAD /x` too (the IaC adds it, as Express answers HEAD). */
function claimedKeys(route: KeyedRoute): Array<{ key: string; apiPath: string }> {
  const method = route.method === 'all' ? 'ANY' : route.method.toUpperCase();
  return route.apiPaths.flatMap((apiPath) => (method === 'GET' ? [`GET ${apiPath}`, `HEAD ${apiPath}`] : [`${method} ${apiPath}`]).map((key) => ({ key, apiPath })));
}

export interface MergedKeys<R> {
  /** Groups of function indexes that become one function, each in index order. */
  sets: number[][];
  /** Routes that joined another function's key: where, the route already holding it, the key. */
  notes: Array<{ index: number; route: R; other: R; key: string }>;
  /** Routes whose key another app's function holds (different apps cannot share a function). */
  dropped: Array<{ index: number; route: R; key: string }>;
}

/**
 * One function per route key: functions (by index) whose routes claim the same key are merged
 * when they belong to the same owner (the app), since the merged function's router, holding
 * both routes in the app's order, answers each request as the app does. A key another owner's
 * function holds is given up by the later route (its API path is removed; a route left with
 * none is `dropped`).
 */
export function mergeSharedKeys<R extends KeyedRoute>(functions: Array<{ routes: R[] }>, ownerOf: (index: number) => unknown): MergedKeys<R> {
  const parent = functions.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const holder = new Map<string, { index: number; route: R }>();
  const notes: MergedKeys<R>['notes'] = [];
  const dropped: MergedKeys<R>['dropped'] = [];
  functions.forEach((fn, index) => {
    for (const route of [...fn.routes]) {
      const lost = new Set<string>();
      let lostKey = '';
      for (const { key, apiPath } of claimedKeys(route)) {
        const held = holder.get(key);
        if (!held) {
          holder.set(key, { index, route });
          continue;
        }
        if (find(held.index) === find(index)) continue;
        if (ownerOf(held.index) === ownerOf(index)) {
          parent[find(index)] = find(held.index);
          notes.push({ index, route, other: held.route, key });
        } else {
          lost.add(apiPath);
          lostKey ||= key;
        }
      }
      if (lost.size) {
        route.apiPaths = route.apiPaths.filter((p) => !lost.has(p));
        if (!route.apiPaths.length) dropped.push({ index, route, key: lostKey });
      }
    }
  });
  const sets = new Map<number, number[]>();
  functions.forEach((_, i) => (sets.get(find(i)) ?? sets.set(find(i), []).get(find(i))!).push(i));
  return { sets: [...sets.values()].map((s) => s.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!), notes, dropped };
}
