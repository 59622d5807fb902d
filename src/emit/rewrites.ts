import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Transform } from 'jscodeshift';
import type { RewritePlan } from '../model/migration-plan';
import type { ModuleSystem } from '../model/service-model';
import { parserFor } from '../discover';
import { syntaxCheck } from './syntax-check';
import extractInlineHandlers from '../../transforms/extract-inline-handlers';
import exportNamedHandlers from '../../transforms/export-named-handlers';
import guardListen from '../../transforms/guard-listen';
import guardSchedules from '../../transforms/guard-schedules';
import guardStartup from '../../transforms/guard-startup';
import removeSchedules from '../../transforms/remove-schedules';
import { positionToOffset } from '../../transforms/lib/ast';

export interface RewriteOutcome {
  source: string;
  /** Refusals and notes the transforms reported (`api.report`). */
  reports: string[];
}

/**
 * Runs one jscodeshift transform on a source text; unchanged input comes back as is. Its
 * reports (`line:col: reason`) name positions in `original`, the file as it is now, like every
 * other diagnostic, not in the text an earlier transform (extraction) left.
 */
function run(transform: Transform, file: string, source: string, options: Record<string, unknown>, reports: string[], original = source): string {
  const j = jscodeshift.withParser(parserFor(file));
  const report = (msg: string): void => {
    const m = original === source ? null : /^(\d+):(\d+): /.exec(msg);
    if (!m) return void reports.push(msg);
    const at = relocate(source, original, { line: Number(m[1]), column: Number(m[2]) });
    // `used on line 7`: that line too, from the start of its code.
    const lines = source.split('\n');
    const reason = msg.slice(m[0].length).replace(/\bline (\d+)\b/g, (_all, n: string) => {
      const column = (/^\s*/.exec(lines[Number(n) - 1] ?? '')?.[0].length ?? 0) + 1;
      return `line ${relocate(source, original, { line: Number(n), column }).line}`;
    });
    reports.push(`${at.line}:${at.column}: ${reason}`);
  };
  const api: API = { j, jscodeshift: j, stats: () => undefined, report };
  const info: FileInfo = { path: file, source };
  const out = transform(info, api, options);
  if (out && typeof (out as Promise<unknown>).then === 'function') throw new Error('built-in transforms are synchronous');
  return typeof out === 'string' ? out : source;
}

/** Text that may name `listen`: the word, or an escape that could spell it (`l\u0069sten`, `'lis\x74en'`). */
const MAY_LISTEN = /listen|\\[ux0-7\r\n\u2028\u2029]/;

/**
 * Applies the in-place rewrites one file needs, in an order that keeps positions valid:
 * extraction first (its positions refer to the original text), then exports, then guards.
 */
export function rewriteFile(
  plan: RewritePlan,
  source: string,
  context: { moduleSystem: ModuleSystem; entry: boolean; keepSchedules: boolean },
): RewriteOutcome {
  const reports: string[] = [];
  let text = source;
  if (plan.extract.length) text = run(extractInlineHandlers as Transform, plan.file, text, { extract: plan.extract, moduleSystem: context.moduleSystem }, reports);
  if (plan.exportNames.length) text = run(exportNamedHandlers as Transform, plan.file, text, { names: plan.exportNames, moduleSystem: context.moduleSystem }, reports);
  if (plan.scheduleCalls.length) {
    // Positions refer to the original text; extraction above may have moved the calls.
    const calls = plan.scheduleCalls.map((c) => ({ ...c, ...relocate(source, text, c) }));
    // Default: the schedule goes (EventBridge runs the job now); --keep-schedules guards it instead.
    text = context.keepSchedules
      ? run(guardSchedules as Transform, plan.file, text, { calls }, reports, source)
      : run(removeSchedules as Transform, plan.file, text, { calls }, reports, source);
  }
  if (plan.guardStartup?.length) {
    const calls = plan.guardStartup.map((c) => relocate(source, text, c));
    text = run(guardStartup as Transform, plan.file, text, { calls }, reports, source);
  }
  if (plan.guardListen) {
    // Every guard starts at a `listen` member (possibly spelled with escapes): a file whose text
    // names none has nothing to guard. Most guarded files are controllers and middleware a
    // generated module imports; parsing each with recast only to find no listen call was the
    // largest part of the emit. Such a file is still parsed once (a bare parse, no recast
    // copy) when no other transform did, so a syntax error is reported as before.
    if (MAY_LISTEN.test(text)) text = run(guardListen as Transform, plan.file, text, { moduleSystem: context.moduleSystem, entry: context.entry }, reports, source);
    else if (!plan.extract.length && !plan.exportNames.length && !plan.scheduleCalls.length && !plan.guardStartup?.length) syntaxCheck(plan.file, text);
  }
  return { source: text, reports };
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Where the code at `pos` in `before` is in `after`, for edits that move code without
 * changing it (extraction inserts declarations above a call and replaces its arguments):
 * the same line prefix and callee (up to its `(`), at the same ordinal among its occurrences.
 */
export function relocate(before: string, after: string, pos: { line: number; column: number }): { line: number; column: number } {
  if (before === after) return { line: pos.line, column: pos.column };
  const offset = positionToOffset(before, pos);
  if (offset < 0) return { line: pos.line, column: pos.column };
  const lineStart = before.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = before.indexOf('\n', offset);
  // The callee up to its `(`: extraction rewrites the arguments, never the callee.
  const paren = before.indexOf('(', offset);
  const stop = Math.min(paren === -1 ? offset + 16 : paren + 1, lineEnd === -1 ? before.length : lineEnd, offset + 40);
  const snippet = before.slice(lineStart, stop);
  let ordinal = 0;
  for (let i = before.indexOf(snippet); i !== -1 && i < lineStart; i = before.indexOf(snippet, i + 1)) ordinal++;
  let found = -1;
  for (let i = after.indexOf(snippet), n = 0; i !== -1; i = after.indexOf(snippet, i + 1), n++) {
    if (n === ordinal) {
      found = i;
      break;
    }
  }
  return found === -1 ? { line: pos.line, column: pos.column } : positionAt(after, found + (offset - lineStart));
}
