/**
 * The bridge's only output: one line on stderr per failed invocation.
 */

function describe(error: unknown): string {
  try {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    // One line, so that log searches and metric filters see the whole failure.
    return text.replace(/\s*\n\s*/g, ' | ');
  } catch {
    return 'unprintable error';
  }
}

/**
 * Logs why an invocation was answered with `status`.
 *
 * @example
 * logFailure(400, 'body is not valid base64', 'c6af9ac6-7b61');
 * // stderr: lambdashift: 400 body is not valid base64 (request c6af9ac6-7b61)
 */
export function logFailure(status: number, reason: string, requestId: string | undefined, error?: unknown): void {
  const request = requestId === undefined ? '' : ` (request ${requestId})`;
  const cause = error === undefined ? '' : `: ${describe(error)}`;
  console.error(`lambdashift: ${status} ${reason}${request}${cause}`);
}
