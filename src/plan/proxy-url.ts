/**
 * The strangler-fig fallback's target (`--fallback proxy --proxy-url https://old.example.com`):
 * the service still running where it runs today, which API Gateway's catch-all forwards to.
 * The URL reaches serverless.yml, the SAM template and the terminal, so it is checked here
 * once and normalised: only what an HTTP proxy integration can take, nothing that a YAML
 * reader, the Serverless Framework's `${...}` variables or API Gateway's `$request...` mapping
 * syntax would read as anything but text.
 */
import { hasUnsafeCharacters, terminalText } from '../safety/escape';

/** A bad `--fallback proxy` setup: a usage error (exit 2), one line. */
export class ProxyUrlError extends Error {
  override readonly name = 'ProxyUrlError';
}

/**
 * `https://old.example.com/base/` → `https://old.example.com/base` (origin and path, no
 * trailing slash), or a reason it cannot be a proxy target.
 *
 * @example parseProxyUrl('https://old.example.com/') // → { ok: true, url: 'https://old.example.com' }
 */
export function parseProxyUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  if (hasUnsafeCharacters(text) || /\s/.test(text)) return { ok: false, reason: 'it holds spaces or control characters' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'it is not an absolute URL (e.g. https://old.example.com)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `it must be http or https, not ${url.protocol.replace(/:$/, '')}` };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { ok: false, reason: 'it is not an absolute URL (e.g. https://old.example.com)' };
  if (url.username || url.password) return { ok: false, reason: 'it must not hold credentials (they would be written into the IaC)' };
  if (url.search || text.includes('?')) return { ok: false, reason: 'it must not have a query string (each request brings its own)' };
  if (url.hash || text.includes('#')) return { ok: false, reason: 'it must not have a fragment' };
  const base = url.pathname.replace(/\/+$/, '');
  // `$` starts API Gateway's mapping expressions (`$request.path`) and Serverless variables.
  if (base.includes('$')) return { ok: false, reason: 'its path must not contain `$`' };
  return { ok: true, url: `${url.origin}${base}` };
}

/** The base path of a normalised proxy URL (`''` for an origin). */
export function proxyBasePath(url: string): string {
  return new URL(url).pathname.replace(/\/+$/, '');
}

/**
 * The proxy URL the run uses: `--proxy-url` over the config's `proxyUrl`. Throws a
 * {@link ProxyUrlError} when proxy mode has none or a bad one, or a URL is given for another mode.
 */
export function resolveProxyUrl(mode: string, given: { option?: string; config?: string }): string | undefined {
  if (mode !== 'proxy') {
    if (given.option !== undefined) throw new ProxyUrlError(`--proxy-url only applies with --fallback proxy (the fallback is ${mode})`);
    return undefined;
  }
  const text = given.option ?? given.config;
  if (text === undefined) throw new ProxyUrlError('--fallback proxy needs the URL of the running service: --proxy-url https://old.example.com (or "proxyUrl" in lambdashift.config.json)');
  const parsed = parseProxyUrl(text);
  if (!parsed.ok) throw new ProxyUrlError(`${given.option !== undefined ? '--proxy-url' : 'proxyUrl'} ${terminalText(text)}: ${parsed.reason}`);
  return parsed.url;
}
