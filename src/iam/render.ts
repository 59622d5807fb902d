/**
 * Inferred statements as CloudFormation policy statements, for serverless.yml and SAM alike:
 * ARNs with the stack's partition, region and account become `Fn::Join` with `Ref`s, and
 * environment variables become what each format uses for the deployer's value
 * (`${env:X}` in serverless.yml, the `EnvX` parameter in SAM).
 */
import type { FunctionPermissions, IamStatement } from './infer-permissions';
import type { Arn } from './resources';

/** A variable's value in the target format. */
export type EnvValue = (name: string) => unknown;

const PSEUDO = { Partition: 'AWS::Partition', Region: 'AWS::Region', Account: 'AWS::AccountId' } as const;

export function cfnResource(arn: Arn, env: EnvValue): unknown {
  if (arn.every((p) => typeof p === 'string')) return arn.join('');
  if (arn.length === 1 && typeof arn[0] === 'object' && 'env' in arn[0]) return env(arn[0].env);
  const parts = arn.map((p) => {
    if (typeof p === 'string') return p;
    if ('pseudo' in p) return { Ref: PSEUDO[p.pseudo] };
    if ('env' in p) return env(p.env);
    // The queue name is the last segment of its URL: https://sqs.<region>.amazonaws.com/<account>/<name>.
    return { 'Fn::Select': [4, { 'Fn::Split': ['/', env(p.envLastPathSegment)] }] };
  });
  return { 'Fn::Join': ['', parts] };
}

/**
 * The same ARN as `Fn::Sub` (SAM templates, where stack parameters can be named in the
 * string): `arn:${AWS::Partition}:dynamodb:...:table/${EnvOrdersTable}`. `param` gives the
 * parameter of a variable, or null when there is none (the part becomes `*`).
 */
export function cfnSubResource(arn: Arn, param: (name: string) => string | null): unknown {
  if (arn.every((p) => typeof p === 'string')) return arn.join('');
  if (arn.length === 1 && typeof arn[0] === 'object' && 'env' in arn[0]) {
    const p = param(arn[0].env);
    return p ? { Ref: p } : '*';
  }
  const vars: Record<string, unknown> = {};
  const text = arn
    .map((p) => {
      if (typeof p === 'string') return p.replace(/\$\{/g, '${!');
      if ('pseudo' in p) return `\${${PSEUDO[p.pseudo]}}`;
      const name = 'env' in p ? p.env : p.envLastPathSegment;
      const ref = param(name);
      if (!ref) return '*';
      if ('env' in p) return `\${${ref}}`;
      vars[`${ref}QueueName`] = { 'Fn::Select': [4, { 'Fn::Split': ['/', { Ref: ref }] }] };
      return `\${${ref}QueueName}`;
    })
    .join('');
  return { 'Fn::Sub': Object.keys(vars).length ? [text, vars] : text };
}

export interface CfnStatement {
  Sid?: string;
  Effect: 'Allow';
  Action: string[];
  Resource: unknown[];
}

export function cfnStatements(statements: readonly IamStatement[], resource: (arn: Arn) => unknown): CfnStatement[] {
  return statements.map((s) => ({ Effect: 'Allow', Action: s.actions, Resource: s.resources.map(resource) }));
}

/** Whether a function needs any statement beyond its logs. */
export function hasPermissions(p: FunctionPermissions | undefined): p is FunctionPermissions {
  return p !== undefined && p.statements.length > 0;
}
