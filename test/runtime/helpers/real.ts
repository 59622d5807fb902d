/**
 * Sending a request to a real HTTP server (supertest) and reading the raw answer.
 */
import request from 'supertest';
import type { ClientRequest } from './events';
import type { Listener } from './apps';

export interface RealRequest {
  method: string;
  target: string;
  headers?: Array<[string, string | string[]]>;
  body?: Buffer | string;
}

export interface RealResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Sends `spec` to `listener` over HTTP. */
export async function sendReal(listener: Listener, spec: RealRequest): Promise<RealResponse> {
  const agent = request(listener as Parameters<typeof request>[0]);
  let test = (agent as unknown as Record<string, (url: string) => request.Test>)[spec.method.toLowerCase()](spec.target);
  for (const [name, value] of spec.headers ?? []) test = test.set(name, value as string);
  if (spec.body !== undefined) test = test.send(spec.body);
  const res = await test.buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { status: res.status, headers: res.headers as Record<string, string | string[]>, body: res.body as Buffer };
}

/** Sends `spec` to an echo app and returns the echo plus the request exactly as the server got it. */
export async function echoReal(listener: Listener, spec: RealRequest) {
  const res = await sendReal(listener, spec);
  const echo = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  const client: ClientRequest = {
    method: spec.method,
    target: echo.originalUrl as string,
    rawHeaders: echo.rawHeaders as string[],
    body: echo.body === null ? undefined : Buffer.from(echo.body as string, 'base64'),
    sourceIp: echo.remoteAddress as string,
  };
  return { res, echo, client };
}
