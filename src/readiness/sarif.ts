/**
 * `--format sarif`: the readiness findings as a SARIF 2.1.0 log, so code scanning (GitHub,
 * Azure DevOps) shows them on the lines of a pull request. One run, the rules as
 * `tool.driver.rules` (in registry order, so `ruleIndex` is stable), one result per finding,
 * sorted by location. Deterministic: no timestamps, no absolute paths.
 */
import type * as Sarif from 'sarif';
import type { RunResult } from '../model/run-result';
import type { ReadinessSeverity } from '../model/readiness-finding';
import { ownVersion } from '../version';
import { sortFindings } from './function-readiness';
import { READINESS_RULES } from './rules';
import type { ReadinessRule } from './rule';

const LEVEL: Record<ReadinessSeverity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /**
   * Prefix of every artifact URI: the service root relative to where code scanning resolves
   * paths (the repository root), POSIX, e.g. `services/orders/`. Default: none (paths are
   * relative to the service root).
   */
  uriPrefix?: string;
  rules?: readonly ReadinessRule[];
}

/** Builds the SARIF log of a run's readiness findings. */
export function buildSarifLog(result: RunResult, options: SarifOptions = {}): Sarif.Log {
  const rules = options.rules ?? READINESS_RULES;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const prefix = options.uriPrefix ? options.uriPrefix.replace(/\/*$/, '/') : '';
  const results: Sarif.Result[] = sortFindings(result.readiness ?? []).map((f) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule)! } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.message}. Affects ${f.functions.length === 0 ? 'no generated function' : f.functions.join(', ')}. ${f.why} Instead: ${f.instead}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(prefix + f.file) }, region: { startLine: f.line, startColumn: f.column } } }],
    partialFingerprints: { 'lambdashift/v1': `${f.rule}:${f.file}:${f.message}` },
    properties: { functions: f.functions },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'lambdashift',
            version: ownVersion(),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: { text: `${r.why}\nInstead: ${r.instead}`, markdown: `${r.why}\n\n**Instead:** ${r.instead}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The SARIF log as pretty-printed JSON with a trailing newline. */
export function formatSarif(result: RunResult, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarifLog(result, options), null, 2) + '\n';
}

/** Relative URI reference: each path segment percent-encoded, slashes kept. */
function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
