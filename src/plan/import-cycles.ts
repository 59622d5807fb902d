/**
 * Import cycles a generated function loads, and where it must enter them.
 *
 * A module graph with a cycle works only when it is entered where the original entry enters
 * it: `server.ts` imports the routers, which import the controllers, which import a service
 * that imports `logger` from `server.ts`. `node server.ts` loads `server.ts` first and every
 * binding is ready when it is used; a generated module that imports the controller first
 * enters the cycle at the controller, and the router module runs while the controller is
 * still half-loaded (`TypeError: Cannot read properties of undefined`, in ES modules
 * `ReferenceError: Cannot access ... before initialization`). So a generated function that
 * needs any module of a cycle imports, before anything else of the project, the module of
 * that cycle the entry reaches first; its cold start then includes the cycle (reported).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { HttpFunctionPlan, ImportCycle, JobFunctionPlan, PlannedRouter } from '../model/migration-plan';
import type { HandlerModel, ModuleGraph, ModuleImport } from '../model/service-model';

interface CycleInfo extends ImportCycle {
  members: Set<string>;
  /** The import that closes the cycle (last module → the first), where the report points. */
  closing: ModuleImport;
  order: number;
}

/** Strongly connected components with a cycle, each entered where the entries reach it first. */
function findCycles(graph: ModuleGraph): { cycles: CycleInfo[]; cycleOf: Map<string, CycleInfo> } {
  const edges = (f: string): ModuleImport[] => graph.imports[f] ?? [];
  // Depth-first, in load order from the entries: the order Node loads the modules in.
  const preorder = new Map<string, number>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  // Tarjan's algorithm, iterative (deep graphs must not exhaust the stack).
  const strongConnect = (start: string): void => {
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    const enter = (n: string): void => {
      preorder.set(n, preorder.size);
      index.set(n, counter);
      low.set(n, counter++);
      stack.push(n);
      onStack.add(n);
    };
    enter(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const out = edges(top.node);
      if (top.next < out.length) {
        const to = out[top.next++]!.file;
        if (!index.has(to)) {
          enter(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== top.node);
        components.push(component);
      }
    }
  };
  for (const e of graph.entries) if (!index.has(e)) strongConnect(e);
  const cycles: CycleInfo[] = [];
  const cycleOf = new Map<string, CycleInfo>();
  for (const component of components) {
    const members = new Set(component);
    const selfLoop = component.length === 1 && edges(component[0]!).some((i) => i.file === component[0]);
    if (component.length < 2 && !selfLoop) continue;
    const first = component.reduce((a, b) => (preorder.get(a)! <= preorder.get(b)! ? a : b));
    const path = cyclePath(first, members, edges);
    const last = path[path.length - 1]!;
    const closing = edges(last).find((i) => i.file === first)!;
    const info: CycleInfo = { loadsFirst: first, modules: path, members, closing, order: preorder.get(first)! };
    cycles.push(info);
    for (const m of component) cycleOf.set(m, info);
  }
  cycles.sort((a, b) => a.order - b.order);
  return { cycles, cycleOf };
}

/** A shortest path `first → … → x` inside the component such that `x` imports `first`. */
function cyclePath(first: string, members: Set<string>, edges: (f: string) => ModuleImport[]): string[] {
  const parent = new Map<string, string | null>([[first, null]]);
  const queue = [first];
  while (queue.length) {
    const n = queue.shift()!;
    if (edges(n).some((i) => i.file === first)) {
      const path: string[] = [];
      for (let at: string | null = n; at !== null; at = parent.get(at)!) path.unshift(at);
      return path;
    }
    for (const { file } of edges(n)) {
      if (members.has(file) && !parent.has(file)) {
        parent.set(file, n);
        queue.push(file);
      }
    }
  }
  return [first];
}

/** Project files a handler reference makes the generated module import. */
function handlerFiles(h: HandlerModel): string[] {
  const s = h.source;
  switch (s.kind) {
    case 'import':
    case 'export':
    case 'extract':
    case 'instance':
      return s.ref.isPackage ? [] : [s.ref.from];
    case 'call':
      return [s.ref, ...s.args.flatMap((a) => ('ref' in a ? [a.ref] : []))].filter((r) => !r.isPackage).map((r) => r.from);
    default:
      return [];
  }
}

function routerFiles(router: PlannedRouter): string[] {
  const out: string[] = [];
  if (router.construct && !router.construct.ref.isPackage) out.push(router.construct.ref.from);
  if (router.construct?.subclass) out.push(...handlerFiles(router.construct.subclass));
  for (const l of router.errorListeners ?? []) out.push(...handlerFiles(l));
  for (const e of router.contextExtensions ?? []) out.push(...handlerFiles(e.value));
  for (const layer of router.layers) {
    if (layer.kind === 'mount') out.push(...routerFiles(layer.router));
    else if (layer.kind === 'param') out.push(...handlerFiles(layer.handler));
    else out.push(...layer.handlers.flatMap(handlerFiles));
  }
  return out;
}

/** The project modules a generated function imports directly. */
export function importedFiles(fn: HttpFunctionPlan | JobFunctionPlan): string[] {
  if (fn.kind === 'schedule') return fn.preserved ? [] : handlerFiles(fn.job.handler);
  if (fn.fallback) return [...handlerFiles(fn.fallback.app), ...fn.fallback.sideEffects];
  return routerFiles(fn.app);
}

/** Every project module loading `files` loads (themselves included), by the module graph. */
export function reachedModules(graph: ModuleGraph, files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = files.filter((f) => graph.imports[f]);
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of graph.imports[f] ?? []) queue.push(i.file);
  }
  return seen;
}

/**
 * Sets `importCycles` on every function whose modules reach an import cycle (the generated
 * module imports each cycle's `loadsFirst` module before the rest), and reports each cycle
 * once, at the import that closes it, naming it and the functions whose cold start includes it.
 */
export function planImportCycles(graph: ModuleGraph | undefined, functions: Array<HttpFunctionPlan | JobFunctionPlan>): Diagnostic[] {
  if (!graph) return [];
  const { cycles, cycleOf } = findCycles(graph);
  if (!cycles.length) return [];
  const users = new Map<CycleInfo, string[]>();
  for (const fn of functions) {
    const reached = new Set<CycleInfo>();
    for (const f of reachedModules(graph, importedFiles(fn))) {
      const c = cycleOf.get(f);
      if (c) reached.add(c);
    }
    if (!reached.size) {
      delete fn.importCycles;
      continue;
    }
    const mine = cycles.filter((c) => reached.has(c));
    fn.importCycles = mine.map((c) => ({ loadsFirst: c.loadsFirst, modules: c.modules }));
    for (const c of mine) users.set(c, [...(users.get(c) ?? []), fn.name]);
  }
  return cycles
    .filter((c) => users.has(c))
    .map((c) => {
      const names = users.get(c)!;
      const shown = names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', ');
      return diagnostic(
        'warning',
        c.closing.loc,
        `import cycle ${[...c.modules, c.loadsFirst].join(' → ')}: the generated functions that need it (${shown}) import ${c.loadsFirst} first, where the entry enters the cycle, so their cold start loads the whole cycle; break the cycle (e.g. move what ${c.modules[c.modules.length - 1]} imports from ${c.loadsFirst} into a module of its own) to make them smaller`,
        'plan/import-cycle',
      );
    });
}
