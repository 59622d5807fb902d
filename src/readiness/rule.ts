/**
 * A readiness rule: one way a service's code behaves differently once it runs as Lambda
 * functions (many short-lived instances, no process between requests, a frozen sandbox after
 * the response, read-only disk outside /tmp, API Gateway's 29-second and 6 MB limits).
 * Rules live one per file in `rules/`, each with its own doc comment and fixtures.
 */
import type { ts } from 'ts-morph';
import type { ReadinessFile } from './readiness-file';
import type { ServiceFacts } from './service-facts';

import type { ReadinessSeverity } from '../model/readiness-finding';

export type { ReadinessSeverity };

/** What a rule says about one place in the code. */
export interface RuleHit {
  /** Where: a node of the file being checked, or a location (rules over the plan). */
  at: ts.Node | { file: string; line: number; column: number };
  /** What was found, specific to this place (`\`sessions\` is written at line 12`). */
  message: string;
  /** Overrides the rule's default severity for this hit (before the config's override). */
  severity?: ReadinessSeverity;
  /**
   * The function node whose callers are affected. Default: the handler enclosing `at`, or,
   * when there is none, every function that loads the file.
   */
  scope?: ts.Node | 'module';
  /** Drop the hit when no generated function loads the file (a server entry point, say). */
  onlyWhenLoaded?: boolean;
}

export interface ReadinessRule {
  /** Stable id, kebab-case: used in the config, in `// lambdashift-ignore <id>` and in SARIF. */
  id: string;
  /** One line: what the rule finds. */
  title: string;
  severity: ReadinessSeverity;
  /** Why it behaves differently on Lambda. */
  why: string;
  /** What to do instead. */
  instead: string;
  /**
   * Keep the severity when the code is under the Lambda guard (`lambda-guard.ts`): for rules
   * whose problem is that the code does not run on Lambda at all (a schedule left in process).
   * Other rules' findings there become `info`: the function never starts that code.
   */
  keepsSeverityWhenGuarded?: boolean;
  /** A file is checked only when its text contains one of these (cheap pre-filter). */
  words: readonly string[];
  /** Checks one source file. */
  checkFile?(file: ReadinessFile, service: ServiceFacts): RuleHit[];
  /** Checks what the scan and plan found about the whole service (jobs, settings). */
  checkService?(service: ServiceFacts): RuleHit[];
}
