/**
 * Variable names for the routers (and Express sub-apps) a generated module rebuilds, from what
 * the code says: the mount path's last word, else the original router's own variable name or
 * file, numbered only on a real collision.
 *
 * Before: `const router1 = express.Router(); … app.use('/v1', router1);`
 * After:  `const v1Router = express.Router(); … app.use('/v1', v1Router);`
 */
import * as path from 'node:path';
import type { PlannedLayer, PlannedRouter } from '../model/migration-plan';
import { camelIdentifier, isBindableName } from '../plan/naming';

type MountLayer = Extract<PlannedLayer, { kind: 'mount' }>;

/** Variable names too generic to say which router it is (`router`, `app`): the path or the file says more. */
const GENERIC = new Set(['router', 'routes', 'route', 'app', 'api', 'default', 'index', 'r']);

/** `/api/v1/users/:id` → `users`; `/`, or parameters only → ''. */
function lastPathWord(p: string | null | undefined): string {
  if (!p) return '';
  // Parameters, wildcards and words that start with a digit (`2fa` would lose it) say nothing usable.
  const words = p.split('/').filter((s) => /^[A-Za-z_$]/.test(s)).map(camelIdentifier).filter(Boolean);
  return words.pop() ?? '';
}

/** `src/routes/user.route.js#userRoutes` → `userRoutes`, or the file's own word (`user`) when the variable is generic. */
function ownWord(id: string): string {
  const [file = '', variable = ''] = id.split('@')[0]!.split('#');
  const name = camelIdentifier(variable);
  if (name && !GENERIC.has(name.toLowerCase())) return name.replace(/(Router|Routes|Route|App)$/, '') || name;
  const base = camelIdentifier(path.posix.basename(file).replace(/\.[^.]+$/, '').replace(/\.(route|routes|router|controller)$/, ''));
  return base && !GENERIC.has(base.toLowerCase()) ? base : '';
}

/**
 * A name for every mount under `root` (depth first, the order modules declare them), none in
 * `taken`: `usersRouter`, `v1Router`, `adminApp` for a sub-app, plain `router` when nothing
 * says more; `usersRouter2` only when two mounts would get the same name.
 */
export function mountVariableNames(root: PlannedRouter, taken: Iterable<string>): Map<MountLayer, string> {
  const used = new Set(taken);
  const out = new Map<MountLayer, string>();
  const visit = (router: PlannedRouter): void => {
    for (const layer of router.layers) {
      if (layer.kind !== 'mount') continue;
      const prefix = typeof layer.router.options.prefix === 'string' ? layer.router.options.prefix : null;
      const word = lastPathWord(layer.path) || lastPathWord(prefix) || ownWord(layer.router.id);
      const suffix = layer.router.subApp ? 'App' : 'Router';
      let base = word ? `${word}${suffix}` : suffix.toLowerCase();
      if (!isBindableName(base)) base = `_${base}`;
      let name = base;
      for (let i = 2; used.has(name); i++) name = `${base}${i}`;
      used.add(name);
      out.set(layer, name);
      visit(layer.router);
    }
  };
  visit(root);
  return out;
}
