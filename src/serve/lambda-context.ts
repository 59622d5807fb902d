/** A Lambda `context` object for local invocations. */
import { randomUUID } from 'node:crypto';
import { ACCOUNT_ID } from './events';

export interface LocalContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  fail(error: unknown): void;
  succeed(result: unknown): void;
}

/** Context for one invocation; `settle` receives what the legacy done/fail/succeed report. */
export function lambdaContext(functionName: string, timeoutMs: number, memoryMb: number, settle: (error: unknown, result?: unknown) => void): LocalContext {
  const deadline = Date.now() + timeoutMs;
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, result) => settle(error ?? null, result),
    fail: (error) => settle(error ?? new Error('failed')),
    succeed: (result) => settle(null, result),
  };
}
