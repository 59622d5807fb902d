/**
 * remove-schedules: removes top-level in-process schedules once their jobs run from EventBridge
 * (`lambdashift migrate`, the default; `--keep-schedules` uses guard-schedules instead). A
 * schedule left in the service would run the job a second time for as long as the old server
 * still runs. Each removed schedule leaves one comment line saying where the job went; the job
 * function itself stays, since the generated Lambda module imports it.
 *
 * Before:
 *
 *     const cron = require('node-cron');
 *     const { CronJob } = require('cron');
 *     const { sendDigest, purge } = require('./jobs');
 *
 *     // Hourly digest.
 *     cron.schedule('0 * * * *', sendDigest);
 *     const cleanup = new CronJob('0 0 * * *', purge, null, false, 'UTC');
 *     cleanup.start();
 *
 *     module.exports = { sendDigest, purge };
 *
 * After:
 *
 *     const { sendDigest, purge } = require('./jobs');
 *
 *     // Hourly digest.
 *     // lambdashift: this job now runs on an EventBridge schedule.
 *     // lambdashift: this job now runs on an EventBridge schedule.
 *
 *     module.exports = { sendDigest, purge };
 *
 * Removed statements, at the top level only, are the ones guard-schedules guards: node-cron
 * `cron.schedule(...)` (and a named `schedule(...)` import), cron's `new CronJob(..., true)` and
 * `CronJob.from({ ..., start: true })`, node-schedule `schedule.scheduleJob(...)` /
 * `scheduleJob(...)`, and `job.start()` on a job created at the top level (`cron.createTask`,
 * `new CronJob`, ...). A declared job (`const task = cron.createTask(...)`, also
 * `task = cron.schedule(...)`) goes together with the later top-level statements that only act
 * on it (`task.start()`, `job.addCallback(f)`, `task.on('x', f)`), and the note takes the
 * declaration's place. Comments above a removed statement stay; a comment at the end of its
 * line goes with it. The note is a comment, so a second run finds nothing to remove.
 *
 * Imports and requires of node-cron, cron and node-schedule go too when every use of a name
 * they bring in was in the removed code (`import cron, { validate } from 'node-cron'` keeps
 * `validate` if it is still used). A multi-declarator `const a = require(...), b = ...` and a
 * destructuring with a rest element are left as they are.
 *
 * Inside a function (a start function, a mixin, `init()`), only with `calls`: just the statement
 * that makes the job goes (lib/nested-schedules): the call itself, `jobs['key'] = <job>` when no
 * other code names that key, a local job variable nothing else uses, or the whole branch of a
 * brace-less `if` (which becomes a block holding the note).
 *
 * Refused (reported as `line:col: cannot remove schedule: reason` at the call, code left as it
 * was): a job variable used anywhere else, or exported, since that code would get undefined;
 * a job stored in a property (`app.locals.job = cron.schedule(...)`), which other code can
 * read; a job function written inline (or computed, like `makeJob(db)`), since removing the
 * call would delete the job itself (extract-inline-handlers names it first); with `calls`, a
 * position where no call starts, or a call that is not a top-level statement of its own (one
 * inside a function or an `if` block is removed by hand).
 *
 * Options:
 * - `calls?: Array<{ line, column, note? }>`: 1-based start of each schedule call (or
 *   `new CronJob`) to remove, and the text after `// lambdashift: ` in the comment left in its
 *   place (default: `this job now runs on an EventBridge schedule.`). Without it every
 *   schedule statement described above is removed with the default note. A position whose
 *   line already holds a `// lambdashift:` note is skipped silently (a run repeated with the
 *   same positions).
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Position, type Refusal, contains, isCall, isIdentifier, isInlineFunction, memberName, positionOf,
  programBody, requireSpecifier, stringValue, topLevelIndex, unwrap,
} from './lib/ast';
import { type Edit, applyEdits, eol, leadingStart, lineIndent, lineStart } from './lib/edits';
import { isExporting } from './lib/guard';
import { parseForEdits } from './lib/parse';
import {
  SCHEDULE_PACKAGES, findCallAt, isJobFactory, isJobStart, isSchedulingCall, jobDeclaration, jobFunctionOf,
  statementChain,
} from './lib/schedules';
import { type Binding, type ScopeAnalysis, analyzeScopes, patternNames } from './lib/scope';
import { nestedProblem, nestedRegistration, nestedRemovalEdit } from './lib/nested-schedules';

export interface ScheduleCallRequest extends Position {
  /** The comment text after `// lambdashift: `, e.g. where the job runs now. */
  note?: string;
}

export interface RemoveSchedulesOptions {
  calls?: ScheduleCallRequest[];
}

export const DEFAULT_NOTE = 'this job now runs on an EventBridge schedule.';
const NOTE_PREFIX = '// lambdashift: ';

/** A schedule to remove: the top-level statement holding its job, with what is reported and written. */
interface Removal {
  head: number;
  /** The call or `new` that creates the job; its job function is checked. */
  factory: AnyNode;
  /** Where refusals are reported: the requested position, or the factory. */
  at: Position;
  note: string | undefined;
}

/** A range to delete; `lines` when it spans whole lines (newline included). */
interface Cut {
  start: number;
  end: number;
  lines: boolean;
}

function noteText(note: string | undefined): string {
  // A line break would end the comment and turn the rest of the note into code.
  const text = (note ?? '').replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
  return NOTE_PREFIX + (text || DEFAULT_NOTE);
}

function lineEnd(source: string, offset: number): number {
  const nl = source.indexOf('\n', offset);
  if (nl === -1) return source.length;
  return source[nl - 1] === '\r' ? nl - 1 : nl;
}

function isBlank(source: string, start: number, end: number): boolean {
  return source.slice(start, end).trim() === '';
}

/** The cut that deletes `start`..`end`: its whole lines when nothing but a trailing comment shares them. */
function cutFor(source: string, start: number, end: number): Cut {
  const from = lineStart(source, start);
  const rest = source.slice(end, lineEnd(source, end));
  if (isBlank(source, from, start) && /^\s*(\/\*.*?\*\/\s*)*(\/\/.*)?$/.test(rest)) {
    const nl = source.indexOf('\n', end);
    return { start: from, end: nl === -1 ? source.length : nl + 1, lines: true };
  }
  return { start, end: end + (/^[ \t]*/.exec(rest)?.[0].length ?? 0), lines: false };
}

function mergeCuts(cuts: Cut[]): Cut[] {
  const merged: Cut[] = [];
  for (const c of [...cuts].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && c.start <= last.end) {
      last.end = Math.max(last.end, c.end);
      last.lines = last.lines && c.lines;
    } else {
      merged.push({ ...c });
    }
  }
  return merged;
}

/**
 * Edits for the cuts. Deleted lines between blank lines (or at the start or end of the file)
 * take one blank line with them, so no doubled gap or leading blank line is left behind.
 */
function cutEdits(source: string, cuts: Cut[]): Edit[] {
  const tidied = mergeCuts(cuts).map((c) => {
    if (!c.lines) return c;
    const prevBlank = c.start === 0 || isBlank(source, lineStart(source, c.start - 1), c.start);
    if (!prevBlank) return c;
    if (c.end < source.length) {
      const nl = source.indexOf('\n', c.end);
      const next = nl === -1 ? source.length : nl + 1;
      return isBlank(source, c.end, next) ? { ...c, end: next } : c;
    }
    return c.start > 0 ? { ...c, start: lineStart(source, c.start - 1) } : c;
  });
  return mergeCuts(tidied).map((c) => ({ start: c.start, end: c.end, text: '' }));
}

/** Edits deleting the marked items of a comma-separated list in which at least one item stays. */
function listItemEdits(items: AnyNode[], drop: (item: AnyNode) => boolean): Edit[] {
  const edits: Edit[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!drop(items[i])) continue;
    let k = i;
    while (k + 1 < items.length && drop(items[k + 1])) k++;
    // Up to the next kept item; a run at the end goes from the last kept item on, so the list keeps its own trailing comma.
    if (k + 1 < items.length) edits.push({ start: items[i].start, end: items[k + 1].start, text: '' });
    else edits.push({ start: items[i - 1].end, end: items[k].end, text: '' });
    i = k;
  }
  return edits;
}

/** A name or a path to the job function (`purge`, `jobs.purge`, a node-cron task file), as opposed to code. */
function isNamedReference(node: AnyNode): boolean {
  const n = unwrap(node);
  // `owner.method.bind(owner)`: still a name (the generated module binds it the same way).
  if (isCall(n) && memberName(n.callee) === 'bind' && n.arguments.length === 1) return isNamedReference(unwrap(n.callee).object) && isNamedReference(n.arguments[0]);
  if (isIdentifier(n) || stringValue(n) !== null) return true;
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    return (!n.computed || stringValue(n.property) !== null) && isNamedReference(n.object);
  }
  return false;
}

/** The left side of `x = <job>` in an expression statement, or null. */
function assignmentTarget(statement: AnyNode): AnyNode | null {
  let e = unwrap(statement.expression);
  if (e.type === 'AwaitExpression') e = unwrap(e.argument);
  return e.type === 'AssignmentExpression' && e.operator === '=' ? unwrap(e.left) : null;
}

/** The variable an expression statement acts on through a member (`task.start()`, `job.x = 1`, `task.on(...).on(...)`). */
function actedOn(statement: AnyNode): AnyNode | null {
  let n = unwrap(statement.expression);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  if (n.type === 'AssignmentExpression') n = unwrap(n.left);
  let viaMember = false;
  for (;;) {
    if (isCall(n)) n = unwrap(n.callee);
    else if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      viaMember = true;
      n = unwrap(n.object);
    } else break;
  }
  return viaMember && isIdentifier(n) ? n : null;
}

/** The package a `require` declarator's binding comes from (`x = require('p')`, `{ a } = require('p')`, `x = require('p').y`). */
function requiredPackage(declarator: AnyNode): string | null {
  let init = declarator.init ? unwrap(declarator.init) : null;
  while (init && init.type === 'MemberExpression') init = unwrap(init.object);
  return init ? requireSpecifier(init) : null;
}

class Remover {
  private readonly body: AnyNode[];
  private readonly scopes: ScopeAnalysis;
  readonly refusals: Refusal[] = [];

  constructor(private readonly source: string, private readonly program: AnyNode, private readonly comments: AnyNode[]) {
    this.body = programBody(program);
    this.scopes = analyzeScopes(program);
  }

  refuse(at: Position, reason: string): void {
    this.refusals.push({ line: at.line, column: at.column, reason });
  }

  /** The removals `calls` asks for, one per statement. */
  requested(calls: ScheduleCallRequest[]): Removal[] {
    const removals: Removal[] = [];
    const lines = this.source.split('\n');
    for (const request of calls) {
      const at = { line: request.line, column: request.column };
      const call = findCallAt(this.program, at);
      if (!call) {
        if (!lines[at.line - 1]?.includes(NOTE_PREFIX.trim())) this.refuse(at, 'no call starts here');
        continue;
      }
      const index = topLevelIndex(this.program, call);
      if (index < 0 || !statementChain(this.body[index]).includes(call)) {
        this.nestedRemoval(call, at, request.note);
        continue;
      }
      removals.push(this.removalFor(index, call, at, request.note));
    }
    return removals;
  }

  /** Edits removing schedules registered inside functions (asked for by position only). */
  readonly nestedEdits: Edit[] = [];
  readonly nestedGone: AnyNode[] = [];

  /** One schedule inside a function: just its statement goes, replaced by the note. */
  private nestedRemoval(call: AnyNode, at: Position, note: string | undefined): void {
    const reg = nestedRegistration(this.program, call, this.source);
    if (typeof reg === 'string') return this.refuse(at, reg);
    const job = jobFunctionOf(call, this.scopes);
    if (job && (isInlineFunction(unwrap(job)) || job.type === 'ObjectMethod' || !isNamedReference(job))) {
      return this.refuse(at, 'the job function is written inline, so removing the call would delete the job; extract it into a named function first (extract-inline-handlers)');
    }
    const problem = nestedProblem(reg, this.scopes, this.source, false);
    if (problem) return this.refuse(at, problem);
    this.nestedEdits.push(nestedRemovalEdit(reg, this.source, noteText(note)));
    this.nestedGone.push(reg.statement);
  }

  /** Every top-level schedule statement. */
  detected(): Removal[] {
    const removals: Removal[] = [];
    this.body.forEach((statement, index) => {
      const call = statementChain(statement).find((c) => isSchedulingCall(c, this.scopes) || isJobStart(c, this.scopes));
      if (call) removals.push(this.removalFor(index, call, null, undefined));
    });
    return removals;
  }

  private removalFor(index: number, call: AnyNode, at: Position | null, note: string | undefined): Removal {
    let head = index;
    // `job.start()` removes the job from its declaration on, so the note goes where the job was made.
    if (isJobStart(call, this.scopes)) {
      const declaration = jobDeclaration(unwrap(call.callee.object).name, this.scopes);
      const declared = declaration ? this.body.indexOf(declaration) : -1;
      if (declared >= 0) head = declared;
    }
    const factory = statementChain(this.body[head]).find((c) => isJobFactory(c, this.scopes)) ?? call;
    return { head, factory, at: at ?? positionOf(factory), note };
  }

  /**
   * The statements that go for one removal (head first), or why it is refused. `gone` are the
   * statements other removals take; uses of the job inside them do not hold it back.
   */
  plan(removal: Removal, gone: AnyNode[]): AnyNode[] | string {
    const { body, scopes } = this;
    const statement = body[removal.head];
    const job = jobFunctionOf(removal.factory, scopes);
    if (job && (isInlineFunction(unwrap(job)) || job.type === 'ObjectMethod')) {
      return 'the job function is written inline, so removing the call would delete the job; extract it into a named function first (extract-inline-handlers)';
    }
    if (job && !isNamedReference(job)) {
      const text = this.source.slice(job.start, job.end).replace(/\s+/g, ' ');
      return `the job function \`${text.length > 40 ? `${text.slice(0, 40)}...` : text}\` is computed here, so removing the call would drop it; name the function first`;
    }
    if (statement.type === 'ExportDefaultDeclaration') return 'the job is the module\'s default export; modules importing it would get undefined';
    if (statement.type === 'ExportNamedDeclaration') {
      const names = (statement.declaration?.declarations ?? []).flatMap((d: AnyNode) => patternNames(d.id)).map((id: AnyNode) => `\`${id.name}\``);
      return `${names.join(', ') || 'the job'} is exported; modules importing it would get undefined`;
    }

    let bindings: Binding[] = [];
    if (statement.type === 'VariableDeclaration') {
      bindings = statement.declarations
        .flatMap((d: AnyNode) => patternNames(d.id))
        .map((id: AnyNode) => scopes.module.bindings.get(id.name))
        .filter((b: Binding | undefined): b is Binding => !!b && b.declaration === statement);
    } else if (statement.type === 'ExpressionStatement') {
      const target = assignmentTarget(statement);
      const binding = target && isIdentifier(target) ? scopes.module.bindings.get(target.name) : undefined;
      if (target && !binding) return `the job is stored in \`${this.source.slice(target.start, target.end)}\`, where other code can read it; remove it by hand`;
      if (binding) bindings = [binding];
    }

    const bindingOf = (id: AnyNode): Binding | null => scopes.references.find((r) => r.id === id)?.binding ?? null;
    const followers = body.filter((s, k) => {
      if (k <= removal.head || s.type !== 'ExpressionStatement') return false;
      const target = actedOn(s);
      const binding = target ? bindingOf(target) : null;
      return binding !== null && bindings.includes(binding);
    });
    const removed = [statement, ...followers];
    const uses = scopes.references
      .filter((r) => r.binding && bindings.includes(r.binding) && ![...removed, ...gone].some((s) => contains(s, r.id)))
      .sort((a, b) => a.id.start - b.id.start);
    if (uses.length) {
      const names = [...new Set(uses.map((u) => `\`${u.name}\``))].join(', ');
      const exporting = uses.map((u) => body.find((s) => contains(s, u.id))).find((s) => s && isExporting(s));
      return exporting
        ? `${names} is exported (line ${positionOf(exporting).line}); modules importing it would get undefined`
        : `${names} is also used on line ${positionOf(uses[0].id).line}, where it would be undefined once the schedule is removed; remove it by hand`;
    }
    return removed;
  }

  /** The edit that puts the note in place of `head`, and cuts for the followers. */
  removalEdits(statements: AnyNode[], note: string | undefined): { edit: Edit; cuts: Cut[] } {
    const { source } = this;
    const [head, ...rest] = statements;
    let end = head.end;
    // Followers on the head's own line go into the same edit.
    while (rest.length && rest[0].start === end + (/^[ \t]*/.exec(source.slice(end))?.[0].length ?? 0)) end = rest.shift()!.end;
    const after = source.slice(end, lineEnd(source, end));
    const text = noteText(note);
    // A comment at the end of the line described the removed code; code after it must not end up inside the note.
    const edit = /^\s*(\/\*.*?\*\/\s*)*(\/\/.*)?$/.test(after)
      ? { start: head.start, end: end + after.length, text }
      : { start: head.start, end: end + (/^\s*/.exec(after)?.[0].length ?? 0), text: text + eol(source) + lineIndent(source, head.start) };
    const cuts = rest.map((s) => cutFor(source, leadingStart(source, s, this.comments), s.end));
    return { edit, cuts };
  }

  /** Cuts and edits dropping scheduling-library imports whose every use was removed. */
  importEdits(removed: AnyNode[]): { cuts: Cut[]; edits: Edit[] } {
    const { scopes, source } = this;
    const isRemoved = (id: AnyNode): boolean => removed.some((s) => contains(s, id));
    const unused = new Set<AnyNode>();
    for (const b of scopes.module.bindings.values()) {
      const refs = scopes.references.filter((r) => r.binding === b);
      // Only names this removal made unused: an import that was unused already is not ours to drop.
      if (refs.length && refs.every((r) => isRemoved(r.id))) unused.add(b.id);
    }
    const cuts: Cut[] = [];
    const edits: Edit[] = [];
    const drop = (id: AnyNode): boolean => unused.has(id);
    for (const s of this.body) {
      if (s.type === 'ImportDeclaration' && SCHEDULE_PACKAGES.has(stringValue(s.source) ?? '')) {
        const specs: AnyNode[] = s.specifiers ?? [];
        const dropped = specs.filter((sp) => drop(sp.local));
        if (!dropped.length) continue;
        if (dropped.length === specs.length) {
          cuts.push(cutFor(source, s.start, s.end));
          continue;
        }
        const named = specs.filter((sp) => sp.type === 'ImportSpecifier');
        const first = specs[0].type === 'ImportSpecifier' ? null : specs[0];
        const second = specs[1];
        if (named.some((sp) => !drop(sp.local))) edits.push(...listItemEdits(named, (sp) => drop(sp.local)));
        else if (named.length && first) edits.push({ start: first.end, end: source.indexOf('}', named[named.length - 1].end) + 1, text: '' });
        if (first && drop(first.local) && second) {
          // `a, { b }` / `a, * as b` → `{ b }` / `* as b`.
          const next = second.type === 'ImportSpecifier' ? source.indexOf('{', first.end) : second.start;
          edits.push({ start: first.start, end: next, text: '' });
        } else if (first && second?.type === 'ImportNamespaceSpecifier' && drop(second.local)) {
          edits.push({ start: first.end, end: second.end, text: '' });
        }
      } else if (s.type === 'TSImportEqualsDeclaration' && drop(s.id)) {
        const ref = s.moduleReference;
        if (ref?.type === 'TSExternalModuleReference' && SCHEDULE_PACKAGES.has(stringValue(ref.expression) ?? '')) cuts.push(cutFor(source, s.start, s.end));
      } else if (s.type === 'VariableDeclaration' && s.declarations.length === 1) {
        const d = s.declarations[0];
        if (!SCHEDULE_PACKAGES.has(requiredPackage(d) ?? '')) continue;
        const ids = patternNames(d.id);
        const dropped = ids.filter(drop);
        if (!dropped.length) continue;
        if (dropped.length === ids.length) {
          cuts.push(cutFor(source, s.start, s.end));
          continue;
        }
        // Partial: only plain `{ a, b: c }` properties; a rest element's contents depend on the others.
        const props: AnyNode[] = d.id.type === 'ObjectPattern' ? d.id.properties : [];
        const simple = props.every((p) => p.type !== 'RestElement' && isIdentifier(p.value));
        if (simple) edits.push(...listItemEdits(props, (p) => drop(p.value)));
      }
    }
    return { cuts, edits };
  }
}

export default function removeSchedules(file: FileInfo, api: API, options: Options): string | undefined {
  const opts = options as RemoveSchedulesOptions;
  const source = file.source;
  const { program, comments } = parseForEdits(source, api.jscodeshift);
  const body = programBody(program);
  const remover = new Remover(source, program, comments);

  const wanted = Array.isArray(opts.calls) ? remover.requested(opts.calls) : remover.detected();
  // One removal per statement (`const t = ...` and `t.start()` are the same job); a requested note wins.
  const byHead = new Map<number, Removal>();
  for (const r of wanted) {
    const seen = byHead.get(r.head);
    if (!seen) byHead.set(r.head, r);
    else if (seen.note === undefined) seen.note = r.note;
  }

  // Removing one job can remove the only other use of another (`a.on('x', () => b.stop())`),
  // so plan until nothing changes: one run does what a second run would otherwise still do.
  const pending = [...byHead.values()].sort((a, b) => a.head - b.head);
  const accepted = new Map<Removal, AnyNode[]>();
  const gone: AnyNode[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const r of pending) {
      if (accepted.has(r)) continue;
      // Already taken by another removal as one of its statements.
      const planned = gone.includes(body[r.head]) ? [] : remover.plan(r, gone);
      if (typeof planned === 'string') continue;
      accepted.set(r, planned);
      gone.push(...planned);
      changed = true;
    }
  }
  for (const r of pending) {
    if (accepted.has(r)) continue;
    remover.refuse(r.at, remover.plan(r, gone) as string);
  }

  const edits: Edit[] = [];
  const cuts: Cut[] = [];
  for (const [r, statements] of accepted) {
    if (!statements.length) continue;
    const { edit, cuts: followerCuts } = remover.removalEdits(statements, r.note);
    edits.push(edit);
    cuts.push(...followerCuts);
  }
  const refusals = remover.refusals.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const r of refusals) api.report?.(`${r.line}:${r.column}: cannot remove schedule: ${r.reason}`);
  edits.push(...remover.nestedEdits);
  if (!gone.length && !remover.nestedEdits.length) return undefined;

  const imports = remover.importEdits([...gone, ...remover.nestedGone]);
  return applyEdits(source, [...edits, ...imports.edits, ...cutEdits(source, [...cuts, ...imports.cuts])]);
}
