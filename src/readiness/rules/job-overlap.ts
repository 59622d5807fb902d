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
    // Job functions of this file: inline ones by position, named ones by name.
    const jobLines = new Set<string>();
    const jobNames = new Set<string>();
    for (const job of service.model.jobs) {
      const h = job.handler;
      if (h.loc.file === file.rel) jobLines.add(`${h.loc.line}:${h.loc.column}`);
      if (h.source.kind === 'export' && h.source.file === file.rel) jobNames.add(h.source.localName);
      else if ((h.source.kind === 'import' || h.source.kind === 'extract') && !h.source.ref.isPackage && h.source.ref.from === file.rel) jobNames.add(h.source.ref.member?.at(-1) ?? h.source.ref.exportName);
    }
    if (jobLines.size === 0 && jobNames.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      if (!ts.isIdentifier(call.expression) || call.expression.text !== 'setTimeout') continue;
      const delay = numberValue(call.arguments[1]);
      if (delay === undefined || delay <= LAMBDA_MAX_MS) continue;
      for (let fn = file.enclosingFunction(call); fn; fn = file.enclosingFunction(fn)) {
        const l = file.loc(fn);
        const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
        if (jobLines.has(`${l.line}:${l.column}`) || (name !== undefined && jobNames.has(name))) {
          hits.push({ at: call, message: `the job waits ${Math.round(delay / 60_000)} minutes; a Lambda function stops after at most 15` });
          break;
        }
      }
    }
    return hits;
  },
};
