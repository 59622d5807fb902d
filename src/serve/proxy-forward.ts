/**
 * `--fallback proxy` in `serve`: a request no generated function serves is forwarded to the
 * running service, as API Gateway's HTTP proxy integration does: same method, path under the
 * URL's base path, query string, headers (Host set to the target's, X-Forwarded-* added, hop-by-hop
 * headers dropped) and body; the target's status, headers and body come back unchanged (bytes
 * as sent: nothing is decompressed or re-encoded).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { HttpRequestData } from './events';
import type { HttpResponseData } from './results';

/** Connection-level headers a proxy never passes on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export type ForwardOutcome = { ok: true; response: HttpResponseData } | { ok: false; timedOut: boolean; error: string };

/** Sends `request` to `baseUrl` (normalised: no trailing slash) and collects the answer. */
export function forwardRequest(baseUrl: string, request: HttpRequestData, timeoutMs = 30000): Promise<ForwardOutcome> {
  const base = new URL(baseUrl);
  const target = new URL(base.pathname.replace(/\/+$/, '') + (request.url.startsWith('/') ? request.url : `/${request.url}`), base.origin);
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!;
    const key = name.toLowerCase();
    if (HOP_BY_HOP.has(key) || key === 'host' || key === 'content-length') continue;
    headers.push([name, request.rawHeaders[i + 1]!]);
  }
  headers.push(['Host', target.host]);
  if (request.body.length || !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(request.method)) headers.push(['Content-Length', String(request.body.length)]);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<ForwardOutcome>((resolve) => {
    const req = client.request(
      target,
      { method: request.method, headers: headers.flat() as unknown as http.OutgoingHttpHeaders, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => resolve({ ok: false, timedOut: false, error: err.message }));
        res.on('end', () => {
          const out: Array<[string, string]> = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            if (!HOP_BY_HOP.has(res.rawHeaders[i]!.toLowerCase())) out.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          }
          resolve({ ok: true, response: { status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) } });
        });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, timedOut: true, error: `${target.origin} did not answer within ${timeoutMs} ms` });
    });
    req.on('error', (err) => resolve({ ok: false, timedOut: false, error: `${target.origin}: ${err.message}` }));
    req.end(request.body);
  });
}
