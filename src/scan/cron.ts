import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CallExpression, Node, SourceFile, SyntaxKind, ts, type VariableDeclaration } from 'ts-morph';
import { callsAndNews, descendantsWhere, wrappedOfKind } from './descendants';
import { findEntryPoint } from '../migrate/entry-point';
import { diagnostic } from '../model/diagnostic';
import type { JobLibrary, JobModel, ProjectInfo } from '../model/service-model';
import { camelIdentifier, jobIdentifier } from '../plan/naming';
import { nameHint } from './handlers';
import { conditionsAround, dependsOn, describeJobFunction, jobOwnName, registrationOf } from './job-registration';
import { StartupGraph, unwrapExpression } from './job-startup';
import { literalValue, UNKNOWN, type Literal } from './literal';
import { majorVersion } from './project-info';
import { initializedByRequire, requireSpecifier, resolveIdentifier } from './resolve';
import type { ScanContext } from './scan-context';

const LIBRARIES: Record<string, JobLibrary> = { 'node-cron': 'node-cron', cron: 'cron', 'node-schedule': 'node-schedule' };

/** Local names under which a file binds each scheduling library (namespace/default) or its members. */
interface JobBindings {
  /** local name → library, for the module object (`cron`, `schedule`). */
  modules: Map<string, JobLibrary>;
  /** local name → [library, exported name], for `schedule`, `CronJob`, `scheduleJob`, `RecurrenceRule`. */
  members: Map<string, [JobLibrary, string]>;
}

/** Job schedules and scheduler aliases from lambdashift.config. */
export interface JobScanOptions {
  /** Schedules per job, keyed by job name or `file:line` / `file:line:col` of the registration. */
  schedules?: Record<string, { schedule: string; timezone?: string }>;
  /** Modules (root-relative path without extension, or package name) to read as a scheduling library. */
  schedulers?: Record<string, JobLibrary>;
}

/** The library a module specifier stands for: the package itself, or a module the config declares as one. */
function libraryFor(spec: string, sf: SourceFile, root: string, schedulers: Record<string, JobLibrary>): JobLibrary | undefined {
  if (LIBRARIES[spec]) return LIBRARIES[spec];
  if (!spec.startsWith('.') && !spec.startsWith('/')) return schedulers[spec];
  const rel = path.relative(root, path.resolve(path.dirname(sf.getFilePath()), spec)).split(path.sep).join('/').replace(/\.[cm]?[jt]s$/, '');
  return schedulers[rel] ?? schedulers[rel.replace(/\/index$/, '')];
}

function jobBindings(sf: SourceFile, root: string, schedulers: Record<string, JobLibrary>): JobBindings {
  const modules = new Map<string, JobLibrary>();
  const members = new Map<string, [JobLibrary, string]>();
  for (const imp of sf.getImportDeclarations()) {
    const lib = libraryFor(imp.getModuleSpecifierValue(), sf, root, schedulers);
    if (!lib) continue;
    const def = imp.getDefaultImport() ?? imp.getNamespaceImport();
    if (def) modules.set(def.getText(), lib);
    for (const n of imp.getNamedImports()) members.set(n.getAliasNode()?.getText() ?? n.getName(), [lib, n.getName()]);
  }
  for (const decl of wrappedOfKind<VariableDeclaration>(sf, SyntaxKind.VariableDeclaration, initializedByRequire)) {
    const init = decl.getInitializer();
    const direct = requireSpecifier(init);
    const viaMember = init && Node.isPropertyAccessExpression(init) ? requireSpecifier(init.getExpression()) : null;
    const spec = direct ?? viaMember;
    const lib = spec ? libraryFor(spec, sf, root, schedulers) : undefined;
    if (!lib) continue;
    const nameNode = decl.getNameNode();
    if (direct && Node.isIdentifier(nameNode)) modules.set(nameNode.getText(), lib);
    else if (direct && Node.isObjectBindingPattern(nameNode)) {
      for (const el of nameNode.getElements()) members.set(el.getName(), [lib, el.getPropertyNameNode()?.getText() ?? el.getName()]);
    } else if (viaMember && Node.isIdentifier(nameNode) && init && Node.isPropertyAccessExpression(init)) {
      members.set(nameNode.getText(), [lib, init.getName()]);
    }
  }
  return { modules, members };
}

/** `[library, member]` a callee refers to: `cron.schedule`, `schedule`, `CronJob.from`, ... */
function calleeMember(callee: Node, b: JobBindings): [JobLibrary, string] | null {
  if (Node.isIdentifier(callee)) return b.members.get(callee.getText()) ?? null;
  if (Node.isPropertyAccessExpression(callee)) {
    const obj = callee.getExpression();
    if (Node.isIdentifier(obj)) {
      const lib = b.modules.get(obj.getText());
      if (lib) return [lib, callee.getName()];
      const member = b.members.get(obj.getText());
      if (member) return [member[0], `${member[1]}.${callee.getName()}`];
    }
    if (Node.isPropertyAccessExpression(obj) && Node.isIdentifier(obj.getExpression())) {
      const lib = b.modules.get(obj.getExpression().getText());
      if (lib) return [lib, `${obj.getName()}.${callee.getName()}`];
    }
  }
  return null;
}

/** Why a registration is made once per item (a loop, `forEach`/`map`), or null. */
function loopContext(node: Node): string | null {
  for (let p = node.getParent(); p && !Node.isSourceFile(p); p = p.getParent()) {
    if (Node.isForStatement(p) || Node.isForOfStatement(p) || Node.isForInStatement(p) || Node.isWhileStatement(p) || Node.isDoStatement(p)) return 'inside a loop';
    if (Node.isCallExpression(p)) {
      const callee = p.getExpression();
      if (Node.isPropertyAccessExpression(callee) && ['forEach', 'map'].includes(callee.getName())) return 'inside a loop over data';
    }
  }
  return null;
}

/** A RecurrenceRule built by `const rule = new RecurrenceRule(); rule.hour = 3; ...` in the same scope. */
function recurrenceRuleFields(id: Node, b: JobBindings): Record<string, Literal> | null {
  if (!Node.isIdentifier(id)) return null;
  const binding = resolveIdentifier(id);
  if (binding.kind !== 'top-level' && binding.kind !== 'local') return null;
  const decl = binding.decl;
  if (!Node.isVariableDeclaration(decl)) return null;
  const init = decl.getInitializer();
  if (!init || !Node.isNewExpression(init)) return null;
  const m = calleeMember(init.getExpression(), b);
  if (!m || m[1] !== 'RecurrenceRule') return null;
  const fields: Record<string, Literal> = {};
  const ctorArgs = ['year', 'month', 'date', 'dayOfWeek', 'hour', 'minute', 'second'];
  init.getArguments().forEach((a, i) => {
    const v = literalValue(a);
    if (v !== UNKNOWN && v !== null && ctorArgs[i]) fields[ctorArgs[i]!] = v;
  });
  const name = decl.getName();
  const scope = decl.getFirstAncestor((n) => Node.isSourceFile(n) || Node.isBlock(n)) ?? decl.getSourceFile();
  for (const assign of scope.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (assign.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const left = assign.getLeft();
    if (!Node.isPropertyAccessExpression(left) || left.getExpression().getText() !== name) continue;
    const v = ruleValue(assign.getRight(), b);
    if (v === UNKNOWN) return null;
    fields[left.getName()] = v;
  }
  return fields;
}

/** Literal values plus `new Range(start, end, step)`. */
function ruleValue(node: Node, b: JobBindings): Literal | typeof UNKNOWN {
  if (Node.isNewExpression(node)) {
    const m = calleeMember(node.getExpression(), b);
    if (m && m[1] === 'Range') {
      const [start, end, step] = node.getArguments().map((a) => literalValue(a));
      if (typeof start !== 'number' || typeof end !== 'number') return UNKNOWN;
      return { start, end, step: typeof step === 'number' ? step : 1 };
    }
    return UNKNOWN;
  }
  // node-schedule only honours real `Range`s; a plain `{ start, end }` makes the rule invalid.
  if (Node.isObjectLiteralExpression(node)) return UNKNOWN;
  if (Node.isArrayLiteralExpression(node)) {
    const out: Literal[] = [];
    for (const el of node.getElements()) {
      const v = ruleValue(el, b);
      if (v === UNKNOWN) return UNKNOWN;
      out.push(v);
    }
    return out;
  }
  return literalValue(node);
}

function objectArg(node: Node | undefined): Map<string, Node> | null {
  if (!node || !Node.isObjectLiteralExpression(node)) return null;
  const out = new Map<string, Node>();
  for (const p of node.getProperties()) {
    if (Node.isPropertyAssignment(p)) out.set(p.getName(), p.getInitializerOrThrow());
    else if (Node.isShorthandPropertyAssignment(p)) out.set(p.getName(), p.getNameNode());
    else if (Node.isMethodDeclaration(p)) out.set(p.getName(), p);
  }
  return out;
}

function literalOptions(node: Node | undefined): Record<string, unknown> {
  const obj = objectArg(node);
  const out: Record<string, unknown> = {};
  if (!obj) return out;
  for (const [k, v] of obj) {
    const lit = literalValue(v);
    if (lit !== UNKNOWN) out[k] = lit;
  }
  return out;
}


/** Finds node-cron, cron and node-schedule jobs; what cannot be migrated is reported. */
export function scanJobs(files: SourceFile[], project: ProjectInfo, ctx: ScanContext, options: JobScanOptions = {}): JobModel[] {
  const jobs: JobModel[] = [];
  const schedulers = options.schedulers ?? {};
  const overrides = new ScheduleOverrides(options.schedules ?? {}, ctx);
  // The call graph from the entry is built once, and only when a job is registered in a function.
  let graph: StartupGraph | null = null;
  const startup = (): StartupGraph => (graph ??= new StartupGraph(entryFile(files, project.root)));
  for (const sf of files) {
    ctx.fileScanned();
    const b = jobBindings(sf, project.root, schedulers);
    if (!b.modules.size && !b.members.size) {
      reportLookalikes(sf, ctx);
      continue;
    }
    reportUnfollowedReferences(sf, b, ctx);
    for (const node of callsAndNews(sf)) {
      if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) continue;
      const m = calleeMember(node.getExpression(), b);
      if (!m) continue;
      const [library, member] = m;
      const args = node.getArguments();
      let specNode: Node | undefined;
      let fnNode: Node | undefined;
      let optionsNode: Node | undefined;
      let name: string | null = null;
      let timezone: string | null = null;
      let tzNode: Node | undefined;
      if (library === 'node-cron' && (member === 'schedule' || member === 'createTask') && Node.isCallExpression(node)) {
        [specNode, fnNode, optionsNode] = args;
        const opts = objectArg(optionsNode);
        tzNode = opts?.get('timezone');
        const n = literalValue(opts?.get('name'));
        if (typeof n === 'string') name = n;
      } else if (library === 'cron' && Node.isNewExpression(node) && member === 'CronJob') {
        specNode = args[0];
        fnNode = args[1];
        tzNode = args[4];
        optionsNode = undefined;
      } else if (library === 'cron' && member === 'CronJob.from') {
        const opts = objectArg(args[0]);
        specNode = opts?.get('cronTime');
        fnNode = opts?.get('onTick');
        tzNode = opts?.get('timeZone');
        optionsNode = args[0];
        const n = literalValue(opts?.get('name'));
        if (typeof n === 'string') name = n;
      } else if (library === 'node-schedule' && member === 'scheduleJob') {
        let rest = args;
        const first = literalValue(args[0]);
        if (args.length >= 3 && typeof first === 'string') {
          name = first;
          rest = args.slice(1);
        }
        [specNode, fnNode] = rest;
      } else {
        if (['stop', 'start', 'cancel', 'cancelJob', 'reschedule', 'rescheduleJob'].some((s) => member.endsWith(s))) {
          ctx.report('info', node, `\`${node.getExpression().getText()}\` starts or stops jobs at run time; EventBridge schedules are always on, so disable the rule instead`, 'cron/runtime-control');
        }
        continue;
      }
      const label = `${library} job`;
      if (!specNode || !fnNode) {
        ctx.report('warning', node, `${label} without a schedule and a function is not migrated`, 'cron/arguments');
        continue;
      }
      const loop = loopContext(node);
      if (loop) {
        ctx.report('warning', node, `${label} is created ${loop}, once per item; each item's job needs a schedule of its own, so it is not migrated`, 'cron/dynamic');
        continue;
      }
      const override = overrides.find(sf, node, name);
      const tz = override?.timezone !== undefined ? override.timezone : literalValue(tzNode);
      if (typeof tz === 'string') timezone = tz;
      else if (tzNode && tz !== UNKNOWN && tz !== null) timezone = null;
      else if (tzNode && tz === UNKNOWN) {
        ctx.report('warning', tzNode, `${label} timezone \`${tzNode.getText().slice(0, 60)}\` is not a constant: it depends on ${dependsOn(tzNode)}; the job is not migrated (give it in lambdashift.config \`jobs\`)`, 'cron/dynamic-timezone');
        continue;
      }

      let spec: JobModel['spec'] | null = null;
      const specValue = override ? override.schedule : literalValue(specNode);
      if (typeof specValue === 'string') spec = { kind: 'cron', expression: specValue };
      else if (Node.isNewExpression(specNode) && specNode.getExpression().getText() === 'Date') {
        const when = absoluteDate(specNode.getArguments());
        if (typeof when === 'string') {
          ctx.report('warning', specNode, `${label} date \`${specNode.getText()}\` is not migrated: ${when}`, 'cron/date');
          continue;
        }
        spec = { kind: 'date', iso: when.toISOString() };
      } else if (library === 'node-schedule') {
        const fromRule = recurrenceRuleFields(specNode, b);
        const fromObject = Node.isObjectLiteralExpression(specNode) ? objectFields(specNode, b) : null;
        const fields = fromRule ?? fromObject;
        if (fields) {
          if (typeof fields.tz === 'string') timezone = fields.tz;
          if (typeof fields.rule === 'string') spec = { kind: 'cron', expression: fields.rule };
          else {
            const { tz: _tz, ...rest } = fields;
            spec = { kind: 'rule', fields: rest };
          }
        }
      }
      if (!spec) {
        const loc = ctx.loc(node);
        ctx.report('warning', specNode, `${label} schedule \`${specNode.getText().slice(0, 60)}\` is not a constant: it depends on ${dependsOn(specNode)}; the job is not migrated (give its schedule in lambdashift.config \`jobs\` under "${name ?? `${loc.file}:${loc.line}`}")`, 'cron/dynamic-schedule');
        continue;
      }
      const graph = startup();
      // Named after the function it runs: `jobs.purgeSessions` → `purgeSessions`. An inline
      // function (`() => jobs.sendDigest('daily')`) is extracted as `sendDigestDaily` when the
      // file has no such name yet, and the job takes the extracted name, so that a later run,
      // which sees the extracted declaration, names it the same.
      const fnExpr = unwrapExpression(fnNode);
      const inline = Node.isArrowFunction(fnExpr) || (Node.isFunctionExpression(fnExpr) && !fnExpr.getName());
      const hinted = jobIdentifier(nameHint(fnNode));
      const fnName = jobOwnName(fnNode) ?? (inline ? undefined : hinted ?? undefined);
      const base = camelIdentifier(name ?? fnName ?? hinted ?? 'scheduled') || 'scheduled';
      const suggested = !name && inline && hinted && !ctx.takenNames(fnNode.getSourceFile()).has(hinted) ? hinted : base.endsWith('Job') ? base : `${base}Job`;
      const handler = describeJobFunction(fnNode, suggested, ctx, graph);
      const loc = ctx.loc(node);
      reportRuntimeControl(node, ctx);
      const registration = registrationOf(node, graph, ctx);
      const conditions = conditionsAround(node);
      jobs.push({
        ...(registration ? { registration } : {}),
        ...(conditions.length ? { conditions } : {}),
        ...(override ? { scheduleFromConfig: override.key } : {}),
        id: `${loc.file}:${loc.line}:${loc.column}`,
        library,
        libraryMajor: majorVersion(project, library),
        loc,
        spec,
        timezone,
        options: library === 'node-cron' || member === 'CronJob.from' ? literalOptions(optionsNode) : {},
        name: name ?? fnName ?? null,
        handler,
      });
    }
  }
  overrides.reportUnused();
  return jobs;
}

/** The service's entry file in the scan's program, loaded when no scanned file is it. */
function entryFile(files: SourceFile[], root: string): SourceFile | null {
  const rel = findEntryPoint(root);
  const project = files[0]?.getProject();
  if (!rel || !project) return null;
  const abs = path.join(root, rel);
  return project.getSourceFile(abs) ?? project.addSourceFileAtPathIfExists(abs) ?? null;
}

/** Schedules given in lambdashift.config `jobs`, looked up by job name or registration location. */
class ScheduleOverrides {
  private readonly used = new Set<string>();
  constructor(private readonly settings: Record<string, { schedule: string; timezone?: string }>, private readonly ctx: ScanContext) {}

  find(sf: SourceFile, node: Node, name: string | null): { key: string; schedule: string; timezone?: string } | null {
    const loc = this.ctx.loc(node);
    const keys = [...(name ? [name] : []), `${loc.file}:${loc.line}:${loc.column}`, `${loc.file}:${loc.line}`];
    for (const key of keys) {
      const setting = this.settings[key];
      if (!setting) continue;
      this.used.add(key);
      return { key, ...setting };
    }
    void sf;
    return null;
  }

  /** A key that matches no job is a typo or a stale entry: said, not ignored. */
  reportUnused(): void {
    for (const key of Object.keys(this.settings)) {
      if (this.used.has(key)) continue;
      this.ctx.diagnostics.push(diagnostic('warning', { file: 'lambdashift.config.json', line: 1, column: 1 }, `jobs.${key} matches no job registration (use the job's name or its file:line)`, 'cron/config-unused'));
    }
  }
}

const CRON_TEXT = /^\s*(@\w+|(\S+\s+){4,5}\S+)\s*$/;

/** Members that register a job; handing one on as a value hides its registrations from the scan. */
const REGISTERING_MEMBERS = new Set(['schedule', 'createTask', 'CronJob', 'scheduleJob']);

/**
 * A registering member used as a value rather than called: `const every = cron.schedule`,
 * `const { schedule } = cron`, `register(cron.schedule)`. Jobs registered through the alias are
 * not followed, so each such place is reported instead of their jobs being dropped silently.
 *
 *   const every = cron.schedule;                    // cron/unfollowed-reference (warning)
 *   every('*\/5 * * * *', tick);                   // (no job: the scan cannot see it)
 */
function reportUnfollowedReferences(sf: SourceFile, b: JobBindings, ctx: ScanContext): void {
  const escapes = (n: ts.Node): boolean => {
    const parent = n.parent;
    // Called or constructed right here: the job scan itself reads it.
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === n) return false;
    // `cron.schedule.bind(...)`-style access goes on through the outer access, reported there.
    if (ts.isPropertyAccessExpression(parent) && parent.expression === n) return false;
    if (ts.isTypeQueryNode(parent) || ts.isTypeReferenceNode(parent) || ts.isExpressionWithTypeArguments(parent)) return false;
    return true;
  };
  const registering = (n: ts.Node): boolean => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      return b.modules.has(n.expression.text) && REGISTERING_MEMBERS.has(n.name.text) && escapes(n);
    }
    if (!ts.isIdentifier(n) || ts.isPropertyAccessExpression(n.parent) || !escapes(n)) return false;
    const member = b.members.get(n.text);
    if (!member || !REGISTERING_MEMBERS.has(member[1])) return false;
    // The binding itself (import specifier, destructuring, declaration name) is not a use.
    const p = n.parent;
    return !(ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isBindingElement(p) || (ts.isVariableDeclaration(p) && p.name === n) || ts.isExportSpecifier(p));
  };
  for (const node of descendantsWhere(sf, registering)) {
    ctx.report(
      'warning',
      node,
      `\`${node.getText().slice(0, 60)}\` is handed on as a value (${Node.isVariableDeclaration(node.getParent()) ? 'aliased' : 'passed or stored'}); jobs registered through it are not followed, so they are not migrated; call the library directly where each job is registered (\`cron.schedule(...)\`, \`new CronJob(...)\`, \`schedule.scheduleJob(...)\`)`,
      'cron/unfollowed-reference',
    );
  }
}

/**
 * Calls with a scheduling library's shape on something that is not the package (a vendored
 * copy, a wrapper): `x.schedule('<cron>', fn)`, `new CronJob('<cron>', fn)`, `scheduleJob('<cron>', fn)`.
 * They are reported, naming what was seen and how to declare the module, never skipped silently.
 */
function reportLookalikes(sf: SourceFile, ctx: ScanContext): void {
  // Wrapping every node of a file is the scan's most expensive step: only files that name one of
  // the callees below can hold a lookalike, and only calls so named are wrapped.
  if (!/schedule|CronJob/.test(sf.getFullText())) return;
  const named = (e: ts.Expression): boolean => {
    const name = ts.isPropertyAccessExpression(e) ? e.name.getText(sf.compilerNode) : ts.isIdentifier(e) ? e.getText(sf.compilerNode) : null;
    return name === 'schedule' || name === 'CronJob' || name === 'scheduleJob';
  };
  for (const node of callsAndNews(sf, named)) {
    if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) continue;
    const callee = node.getExpression();
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : null;
    const shape = name === 'schedule' ? 'node-cron' : name === 'CronJob' && Node.isNewExpression(node) ? 'cron' : name === 'scheduleJob' ? 'node-schedule' : null;
    if (!shape) continue;
    const first = literalValue(node.getArguments()?.[0]);
    if (typeof first !== 'string' || !CRON_TEXT.test(first)) continue;
    const root = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
    const from = Node.isIdentifier(root) ? moduleSpecifierOf(root) : null;
    const where = from ? `\`${root.getText()}\` comes from \`${from.spec}\`` : `\`${root.getText()}\` does not come from ${shape}`;
    const key = from?.key ?? '<module path from the root, without extension>';
    ctx.report(
      'warning',
      node,
      `\`${node.getText().replace(/\s+/g, ' ').slice(0, 60)}\` looks like a ${shape} job, but ${where}, not the ${shape} package; it is not migrated. If that module is ${shape} (vendored or wrapped with the same API), declare it in lambdashift.config: "schedulers": { "${key}": "${shape}" }`,
      'cron/lookalike',
    );
  }
}

/** The module an identifier is imported or required from, with its config key. */
function moduleSpecifierOf(id: Node): { spec: string; key: string } | null {
  const decl = id.getSymbol()?.getDeclarations()[0];
  if (!decl) return null;
  let spec: string | null = null;
  const imp = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
  if (imp) spec = imp.getModuleSpecifierValue();
  else {
    const v = Node.isVariableDeclaration(decl) ? decl : decl.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    let init = v?.getInitializer();
    while (init && Node.isPropertyAccessExpression(init)) init = init.getExpression();
    spec = requireSpecifier(init);
  }
  if (!spec) return null;
  if (!spec.startsWith('.')) return { spec, key: spec };
  const root = findRoot(id.getSourceFile().getFilePath());
  const key = path.relative(root, path.resolve(path.dirname(id.getSourceFile().getFilePath()), spec)).split(path.sep).join('/').replace(/\.[cm]?[jt]s$/, '');
  return { spec, key };
}

/** The nearest directory with a package.json above a file. */
function findRoot(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) return dir;
  }
}

function objectFields(node: Node, b: JobBindings): Record<string, Literal> | null {
  const obj = objectArg(node);
  if (!obj) return null;
  const out: Record<string, Literal> = {};
  for (const [k, v] of obj) {
    const value = ruleValue(v, b);
    if (value === UNKNOWN) return null;
    out[k] = value;
  }
  return out;
}

/** `const task = cron.schedule(...)` followed by `task.stop()` / `task.start()`: reported. */
function reportRuntimeControl(node: Node, ctx: ScanContext): void {
  const decl = node.getParent();
  if (!decl || !Node.isVariableDeclaration(decl)) return;
  const name = decl.getName();
  const sf = node.getSourceFile();
  const onName = (n: ts.Node) => ts.isPropertyAccessExpression((n as ts.CallExpression).expression) && ((n as ts.CallExpression).expression as ts.PropertyAccessExpression).expression.getText(sf.compilerNode) === name;
  for (const call of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, onName)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== name) continue;
    if (!['start', 'stop', 'cancel', 'destroy', 'reschedule', 'setTime'].includes(callee.getName())) continue;
    ctx.report('info', call, `\`${callee.getText()}()\` controls the job at run time; the EventBridge schedule is always on, so enable or disable the rule instead`, 'cron/runtime-control');
  }
}

/**
 * The instant `new Date(arg)` denotes when it is the same on every machine: one number
 * (epoch ms) or one ISO string with `Z` or an offset. Otherwise the reason it is not.
 */
function absoluteDate(args: Node[]): Date | string {
  if (args.length !== 1) return 'a date built from local-time parts depends on the host timezone; pass an ISO string with Z or an offset';
  const v = literalValue(args[0]);
  if (typeof v === 'number') return new Date(v);
  if (typeof v !== 'string') return 'it is computed at run time';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    return 'only ISO 8601 date-times with Z or an offset name one instant on every host';
  }
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? 'it is not a valid date' : d;
}
