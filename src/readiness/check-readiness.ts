/**
 * The readiness engine: runs every rule over the files the scan read (reusing the scan's
 * parsed ASTs), places each hit at `file:line:col`, works out which generated functions it
 * affects, applies `// lambdashift-ignore <rule>` comments and the config's severities.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { diagnostic, type Diagnostic, type SourceLocation } from '../model/diagnostic';
import type { ReadinessFinding, ReadinessSeverity } from '../model/readiness-finding';
import type { HandlerModel } from '../model/service-model';
import type { HttpFunctionPlan, JobFunctionPlan } from '../model/migration-plan';
import { functionHandlers } from '../plan/plan-http';
import type { ServiceScan } from '../scan/scan-service';
import { ReadinessFile } from './readiness-file';
import type { ReadinessRule, RuleHit } from './rule';
import { READINESS_RULES } from './rules';
import { trustsProxy, type ServiceFacts } from './service-facts';
import { FunctionMap } from './function-map';
import { sortFindings } from './function-readiness';
import { LambdaGuards } from './lambda-guard';

/** Per rule: another severity, or `off`. */
export type ReadinessConfig = Record<string, ReadinessSeverity | 'off'>;

/** A generated function and the handlers (or job function) its module imports. */
export interface ReadinessFunction {
  name: string;
  handlers: HandlerModel[];
}

export interface ReadinessInput {
  scan: ServiceScan;
  functions: ReadinessFunction[];
  /** The scan's and plan's diagnostics (refused schedules come from there). */
  planDiagnostics: Diagnostic[];
  config?: ReadinessConfig;
  /** Config file name, for diagnostics about it. */
  configFile?: string;
  rules?: readonly ReadinessRule[];
  /**
   * A file's text as the migration leaves it (root-relative path; undefined: unchanged), so
   * start-up code the rewrite guards is judged as it will run (`lambda-guard.ts`).
   */
  rewritten?: (rel: string) => string | undefined;
}

/** The functions of a plan (or of what was generated) with the handlers each one imports. */
export function readinessFunctions(plan: { functions: HttpFunctionPlan[]; jobs: JobFunctionPlan[] }): ReadinessFunction[] {
  // The whole-app fallback reaches the app object, and through it everything the app imports.
  return [...plan.functions.map((fn) => ({ name: fn.name, handlers: functionHandlers(fn) })), ...plan.jobs.map((job) => ({ name: job.name, handlers: [job.job.handler] }))];
}

const CHECKED = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * Runs the readiness rules over a scanned service. Findings are sorted by location, then rule.
 * Config problems (unknown rule ids) come back as warnings on the config file.
 */
export function checkReadiness(input: ReadinessInput): { findings: ReadinessFinding[]; diagnostics: Diagnostic[] } {
  const rules = input.rules ?? READINESS_RULES;
  const diagnostics: Diagnostic[] = [];
  const config = input.config ?? {};
  const known = new Set(rules.map((r) => r.id));
  for (const id of Object.keys(config)) {
    if (!known.has(id)) diagnostics.push(diagnostic('warning', { file: input.configFile ?? 'lambdashift.config.json', line: 1, column: 1 }, `readiness.${id} is not a known rule (see \`lambdashift check --rules\`); ignored`, 'readiness/config'));
  }
  const active = rules.filter((r) => config[r.id] !== 'off');
  const { model, tsProject, sources } = input.scan;
  const root = model.project.root;
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const texts = new Map(sources.map((s) => [rel(s.path), s.text]));
  const sourceFiles = new Map<string, ts.SourceFile>();
  const sourceFile = (source: { path: string; text: string }): ts.SourceFile => {
    const key = rel(source.path);
    let sf = sourceFiles.get(key);
    if (!sf) sourceFiles.set(key, (sf = tsProject.getSourceFile(source.path)?.compilerNode ?? ts.createSourceFile(source.path, source.text, ts.ScriptTarget.ES2022, true, scriptKind(source.path))));
    return sf;
  };
  const byRel = new Map(sources.map((s) => [rel(s.path), s]));
  const guards = new LambdaGuards((file) => (byRel.has(file) ? sourceFile(byRel.get(file)!) : undefined), input.rewritten);
  const facts: ServiceFacts = { model, planDiagnostics: input.planDiagnostics, trustsProxy: trustsProxy(model), lambdaGuard: (loc) => guards.at(loc) };
  const functions = new FunctionMap(input.functions, sources.map((s) => ({ rel: rel(s.path), text: s.text })));

  const raw: Array<{ rule: ReadinessRule; hit: RuleHit; loc: SourceLocation; fns: string[] }> = [];
  for (const source of sources) {
    if (!CHECKED.test(source.path) || source.path.endsWith('.d.ts')) continue;
    const fileRules = active.filter((r) => r.checkFile && (r.words.length === 0 || r.words.some((w) => source.text.includes(w))));
    if (fileRules.length === 0) continue;
    const file = new ReadinessFile(rel(source.path), sourceFile(source));
    for (const rule of fileRules) {
      for (const hit of rule.checkFile!(file, facts)) {
        const node = hit.at as ts.Node;
        const loc = 'kind' in node ? file.loc(node) : (hit.at as SourceLocation);
        const scope = hit.scope ?? ('kind' in node ? file.enclosingHandler(node) : undefined) ?? 'module';
        const fns = scope === 'module' ? functions.loading(file.rel) : functions.handledBy(file, scope as ts.SignatureDeclaration);
        if (hit.onlyWhenLoaded && fns.length === 0) continue;
        raw.push({ rule, hit, loc, fns });
      }
    }
  }
  for (const rule of active) {
    if (!rule.checkService) continue;
    for (const hit of rule.checkService(facts)) {
      const loc = hit.at as SourceLocation;
      raw.push({ rule, hit, loc, fns: functions.loading(loc.file) });
    }
  }

  const ignores = new IgnoreComments(texts);
  const seen = new Set<string>();
  const findings: ReadinessFinding[] = [];
  for (const { rule, hit, loc, fns } of raw) {
    const key = `${rule.id}@${loc.file}:${loc.line}:${loc.column}`;
    if (seen.has(key) || ignores.suppresses(rule.id, loc)) continue;
    seen.add(key);
    const configured = config[rule.id];
    const severity = configured !== undefined && configured !== 'off' ? configured : (hit.severity ?? rule.severity);
    // Start-up work under the Lambda guard (written by the migration or already there) never
    // runs in a function: that is what it is, whatever the rule says about running it.
    const guard = guards.at(loc);
    findings.push({
      rule: rule.id,
      severity: guard && !rule.keepsSeverityWhenGuarded ? 'info' : severity,
      file: loc.file,
      line: loc.line,
      column: loc.column,
      message: guard ? guardedMessage(hit.message, guard, rule.keepsSeverityWhenGuarded === true) : hit.message,
      functions: [...new Set(fns)].sort(),
      why: rule.why,
      instead: rule.instead,
    });
  }
  return { findings: sortFindings(findings), diagnostics };
}

/** A finding on code the Lambda guard skips: what it does now, then what it would do unguarded. */
function guardedMessage(message: string, guard: string, kept: boolean): string {
  return kept ? `${message}; \`if (${guard})\` skips it in every function, so on Lambda it never runs` : `runs only outside Lambda: \`if (${guard})\` skips it in every function (unguarded, ${message})`;
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.[cm]?tsx?$/.test(file)) return file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return file.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/**
 * `// lambdashift-ignore <rule>[, <rule>...]` (or a block comment) on the finding's line, or
 * alone on the line above it, suppresses that rule's finding there.
 */
class IgnoreComments {
  private readonly byFile = new Map<string, Map<number, Set<string>>>();

  constructor(private readonly texts: Map<string, string>) {}

  suppresses(rule: string, loc: SourceLocation): boolean {
    const lines = this.linesOf(loc.file);
    return (lines.get(loc.line)?.has(rule) ?? false) || (lines.get(-(loc.line - 1))?.has(rule) ?? false);
  }

  /** Line → rules; a negative key marks a line holding nothing but the comment. */
  private linesOf(file: string): Map<number, Set<string>> {
    let lines = this.byFile.get(file);
    if (lines) return lines;
    lines = new Map();
    const text = this.texts.get(file) ?? '';
    if (text.includes('lambdashift-ignore')) {
      text.split('\n').forEach((line, i) => {
        const m = /(?:\/\/|\/\*)\s*lambdashift-ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(line);
        if (!m) return;
        const rules = new Set(m[1]!.split(/\s*,\s*/));
        lines!.set(i + 1, rules);
        if (/^\s*(\/\/|\/\*)/.test(line)) lines!.set(-(i + 1), rules);
      });
    }
    this.byFile.set(file, lines);
    return lines;
  }
}
