/**
 * Least-privilege IAM statements per generated function: the AWS SDK calls in the files its
 * module reaches (the same import graph as the environment scan), mapped to IAM actions and
 * resources, grouped per service and resource set. A function that makes no calls gets no
 * statements (its role keeps only what Lambda needs to write logs).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { EnvScanner, FileReader } from '../emit/iac/env-scan';
import { actionsFor } from './actions';
import { arnText, resourcesFor, type Arn } from './resources';
import { scanSdkCalls, type FileScan, type SharedClient } from './sdk-calls';

export interface IamStatement {
  /** Sorted `service:Action` names. */
  actions: string[];
  resources: Arn[];
}

/** Where a permission came from, for the report. */
export interface PermissionSource {
  actions: string[];
  resources: string[];
  /** `file:line` of the call. */
  source: string;
  /** The call, e.g. `new GetObjectCommand(...)`. */
  call: string;
}

export interface FunctionPermissions {
  statements: IamStatement[];
  sources: PermissionSource[];
}

const key = (arn: Arn): string => JSON.stringify(arn);

export class PermissionInference {
  private readonly scans = new Map<string, FileScan>();
  /** Calls already warned about (a shared service file is reached by many functions). */
  private readonly warned = new Set<string>();
  /** Whether a file's text names the SDK, by file. */
  private readonly sdkFiles = new Map<string, boolean>();

  constructor(
    private readonly read: FileReader,
    private readonly graph: EnvScanner,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private scan(file: string, depth = 0): FileScan {
    let hit = this.scans.get(file);
    if (!hit) {
      const text = this.read(file) ?? '';
      hit = !this.graph.tooLarge(text) && this.mayCall(file, text) ? scanSdkCalls(file, text, (spec, name) => this.sharedClient(file, spec, name, depth)) : { calls: [], clients: {} };
      this.scans.set(file, hit);
    }
    return hit;
  }

  /**
   * Whether `file` can make an SDK call, decided on its text: it names the SDK, or it imports
   * (relative specifier) a file that does. A client (`FileScan.clients`) is only ever created
   * from an SDK import, so a file reaching neither finds no call and shares no client; on a
   * large service that is most files, and the generated modules, which need no parse here.
   */
  private mayCall(file: string, text: string): boolean {
    if (text.includes('aws-sdk')) return true;
    for (const spec of quotedRelativeStrings(text)) {
      const target = this.graph.resolveImport(file, spec);
      if (target !== null && this.namesSdk(target)) return true;
    }
    return false;
  }

  private namesSdk(file: string): boolean {
    let hit = this.sdkFiles.get(file);
    if (hit === undefined) this.sdkFiles.set(file, (hit = (this.read(file) ?? '').includes('aws-sdk')));
    return hit;
  }

  private sharedClient(from: string, specifier: string, name: string, depth: number): SharedClient | null {
    if (depth > 8) return null;
    const target = this.graph.resolveImport(from, specifier);
    return target ? (this.scan(target, depth + 1).clients[name] ?? null) : null;
  }

  /** The statements of the function whose module is `module`. */
  async forModule(module: string): Promise<FunctionPermissions> {
    const grouped = new Map<string, { service: string; resources: Arn[]; actions: Set<string> }>();
    const sources: PermissionSource[] = [];
    for (const file of this.graph.filesReachedFrom(module)) {
      for (const u of this.scan(file).unresolved ?? []) {
        this.warn({ file, line: u.line, column: u.column }, `${u.text}: ${u.reason}, so its AWS client and IAM action are not statically clear; add its permission by hand`, 'iam/unresolved-client');
      }
      for (const call of this.scan(file).calls) {
        const where = `${file}:${call.line}`;
        const loc = { file, line: call.line, column: call.column };
        const actions = await actionsFor(call.service, call.operation);
        if (!actions) {
          this.warn(loc, `${call.text}: ${call.service}:${call.operation} is not an IAM action lambdashift can find in the Service Authorization Reference; add its permission by hand`, 'iam/unknown-action');
          continue;
        }
        const resources = await resourcesFor(
          call,
          actions.map((a) => a.resourceTypes),
        );
        if (resources.unresolved !== undefined && !actions.every((a) => a.resourceTypes.length === 0)) {
          this.warn(loc, `${call.text}: its ${resources.unresolved} is not a literal or an environment variable, so ${actions.map((a) => a.action).join(', ')} is granted on "*"; narrow it in the IaC`, 'iam/wildcard');
        }
        actions.forEach((a, i) => {
          const arns = resources.arns[i]!;
          const k = `${a.action.split(':')[0]}|${arns.map(key).sort().join(',')}`;
          let group = grouped.get(k);
          if (!group) grouped.set(k, (group = { service: a.action.split(':')[0]!, resources: dedupe(arns), actions: new Set() }));
          group.actions.add(a.action);
        });
        sources.push({
          actions: actions.map((a) => a.action),
          resources: [...new Set(resources.arns.flat().map(arnText))],
          source: where,
          call: call.text,
        });
      }
    }
    // Actions of one service on the same resources share a statement.
    const statements = [...grouped.values()]
      .map((g) => ({ actions: [...g.actions].sort(), resources: g.resources }))
      .sort((a, b) => (a.actions[0]! < b.actions[0]! ? -1 : a.actions[0]! > b.actions[0]! ? 1 : key(a.resources[0]!) < key(b.resources[0]!) ? -1 : 1));
    return { statements: mergeSameActions(statements), sources };
  }

  private warn(loc: { file: string; line: number; column: number }, message: string, code: string): void {
    const id = `${loc.file}:${loc.line}:${loc.column}`;
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.diagnostics.push(diagnostic('warning', loc, message, code));
  }
}

/**
 * Every quoted string that is a relative path (`'./x'`, `"../y"`, `'.'`, `'..'`): a superset of
 * the relative module specifiers a file's imports and requires name.
 */
function quotedRelativeStrings(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) {
    const quote = text[at - 1];
    if (quote !== "'" && quote !== '"') continue;
    const end = text.indexOf(quote, at);
    const spec = end === -1 ? '' : text.slice(at, end);
    if (/^\.\.?(\/[^\n]*)?$/.test(spec)) out.push(spec);
  }
  return out;
}

function dedupe(arns: Arn[]): Arn[] {
  const seen = new Map<string, Arn>();
  for (const a of arns) seen.set(key(a), a);
  // `*` covers everything else.
  if (seen.has(key(['*']))) return [['*']];
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, a]) => a);
}

/** Statements with the same actions on different resources become one. */
function mergeSameActions(statements: IamStatement[]): IamStatement[] {
  const out = new Map<string, IamStatement>();
  for (const s of statements) {
    const k = s.actions.join(',');
    const hit = out.get(k);
    if (hit) hit.resources = dedupe([...hit.resources, ...s.resources]);
    else out.set(k, { actions: s.actions, resources: s.resources });
  }
  return [...out.values()];
}

/** Infers the permissions of every function module; keyed by module path. */
export async function inferPermissions(modules: readonly string[], read: FileReader, graph: EnvScanner, diagnostics: Diagnostic[]): Promise<Map<string, FunctionPermissions>> {
  const inference = new PermissionInference(read, graph, diagnostics);
  const out = new Map<string, FunctionPermissions>();
  for (const m of modules) if (!out.has(m)) out.set(m, await inference.forModule(m));
  return out;
}
