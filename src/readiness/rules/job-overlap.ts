/**
 * job-overlap: jobs that rely on not overlapping with their previous run (node-cron 4
 * `noOverlap: true`, cron's `waitForCompletion: true`) or are allowed to run longer than a
 * Lambda function may (a delay over 15 minutes in the job).
 *
 * Why on Lambda: EventBridge starts the function on every tick whether or not the previous
 * run has finished, in another instance, so runs overlap; and a function is stopped after at
 * most 15 minutes.
 *
 * Instead: make the job safe to run twice (idempotent, or a lock in DynamoDB with a
 * conditional write), limit the function's reserved concurrency to 1, and split long work
 * into pieces (SQS, Step Functions) that each finish well within the function's timeout.
 *
 * Before (flagged):
 *     cron.schedule('* * * * *', syncInventory, { noOverlap: true });
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { numberValue, type ReadinessFile } from '../readiness-file';
import type { ServiceFacts } from '../service-facts';

const NO_OVERLAP = ['noOverlap', 'waitForCompletion'];
const LAMBDA_MAX_MS = 15 * 60_000;

export const jobOverlapRule: ReadinessRule = {
  id: 'job-overlap',
  title: 'Jobs that must not overlap or may run over 15 minutes',
  severity: 'warning',
  why: 'EventBridge starts the function on every tick even while the previous run is still going (in another instance), and a function is stopped after at most 15 minutes.',
  instead: 'Make the job idempotent or take a lock (a DynamoDB conditional write), set reserved concurrency to 1, and split long work into pieces (SQS, Step Functions).',
  words: ['setTimeout'],
  checkService(service: ServiceFacts): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const job of service.model.jobs) {
      const relied = NO_OVERLAP.filter((k) => job.options[k] === true);
      if (relied.length > 0) hits.push({ at: job.loc, message: `the job relies on \`${relied[0]}: true\`; EventBridge starts it again even while a run is still going` });
    }
    return hits;
  },
  checkFile(file: ReadinessFile, service: ServiceFacts): RuleHit[] {
    const jobLines = new Set(service.model.jobs.filter((j) => j.handler.loc.file === file.rel).map((j) => `${j.handler.loc.line}:${j.handler.loc.column}`));
    if (jobLines.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      if (!ts.isIdentifier(call.expression) || call.expression.text !== 'setTimeout') continue;
      const delay = numberValue(call.arguments[1]);
      if (delay === undefined || delay <= LAMBDA_MAX_MS) continue;
      for (let fn = file.enclosingFunction(call); fn; fn = file.enclosingFunction(fn)) {
        const l = file.loc(fn);
        if (jobLines.has(`${l.line}:${l.column}`)) {
          hits.push({ at: call, message: `the job waits ${Math.round(delay / 60_000)} minutes; a Lambda function stops after at most 15` });
          break;
        }
      }
    }
    return hits;
  },
};
