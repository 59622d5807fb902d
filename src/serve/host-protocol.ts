/** Messages between a {@link HandlerHost} and its worker thread. */

export interface InvokeRequest {
  type: 'invoke';
  id: number;
  /** Absolute path of the handler module. */
  module: string;
  exportName: string;
  functionName: string;
  event: unknown;
  timeoutMs: number;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type InvokeReply =
  | { type: 'result'; id: number; ok: true; result: unknown; durationMs: number }
  | { type: 'result'; id: number; ok: false; error: SerializedError; durationMs: number };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: 'Error', message: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err) };
}
