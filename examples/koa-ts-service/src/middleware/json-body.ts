import type { Middleware } from 'koa';
import '../types';

export interface JsonBodyOptions {
  /** Largest accepted body, in bytes. */
  limit: number;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Reads JSON request bodies into `ctx.request.body` (no dependency needed for this much):
 * 415 for another content type, 413 over `limit`, 400 for malformed JSON.
 */
export function jsonBody({ limit }: JsonBodyOptions): Middleware {
  return async (ctx, next) => {
    const type = ctx.get('content-type');
    if (!WITH_BODY.has(ctx.method) || !type) {
      await next();
      return;
    }
    if (!/^application\/json\s*(;|$)/i.test(type)) ctx.throw(415, 'expected an application/json body');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buf.length;
      if (size > limit) ctx.throw(413, `request body is larger than ${limit} bytes`);
      chunks.push(buf);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim()) {
      try {
        ctx.request.body = JSON.parse(text) as unknown;
      } catch {
        ctx.throw(400, 'request body is not valid JSON');
      }
    }
    await next();
  };
}

/** The API's body parser: 16 KiB of JSON. */
export const parseJson = jsonBody({ limit: 16 * 1024 });
