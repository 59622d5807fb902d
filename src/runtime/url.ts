/**
 * Building the request target (`req.url`) from the pieces each event source provides.
 *
 * API Gateway REST hands over *decoded* query values, so they are re-encoded; HTTP API
 * (`rawPath`, `rawQueryString`) and ALB pass what the client sent, so those are kept as they
 * are, only characters that can never appear in a request target are escaped.
 */

/** Escapes one match; a lone surrogate cannot be UTF-8 encoded and becomes U+FFFD. */
function escapeMatch(match: string): string {
  try {
    return encodeURIComponent(match);
  } catch {
    return '%EF%BF%BD';
  }
}

// Everything but unreserved characters and the sub-delimiters that do not change how a
// query string parses: `&`, `=`, `+`, `%`, `#` and spaces are escaped, `/`, `:`, `@`, `,`,
// `[` and `]` stay as clients usually send them, so `req.originalUrl` looks like the original.
const QUERY_COMPONENT_UNSAFE = /[^A-Za-z0-9\-._~!$'()*,;:@/?[\]]/gu;
// Never valid in a request target: controls, space, DEL, non-ASCII, and the fragment mark.
const RAW_QUERY_UNSAFE = /[^\x21-\x7e]|#/gu;
const RAW_PATH_UNSAFE = /[^\x21-\x7e]|[?#]/gu;
// A decoded path may also hold a literal `%`, which must not be read as an escape.
const DECODED_PATH_UNSAFE = /%(?![0-9A-Fa-f]{2})|[^\x21-\x7e]|[?#]/gu;

/**
 * Percent-encodes a decoded query key or value so it parses back to the same string:
 * a space becomes `%20`, `+` becomes `%2B`, `%` becomes `%25`.
 *
 * @example
 * encodeQueryComponent('a+b c'); // 'a%2Bb%20c'
 */
export function encodeQueryComponent(value: string): string {
  return value.replace(QUERY_COMPONENT_UNSAFE, escapeMatch);
}

/**
 * Keeps a raw (still encoded) query string, escaping only what cannot be sent on the wire.
 *
 * @example
 * sanitizeRawQuery('q=a+b%20c'); // 'q=a+b%20c'
 */
export function sanitizeRawQuery(query: string): string {
  return query.replace(RAW_QUERY_UNSAFE, escapeMatch);
}

/**
 * Keeps a raw (still encoded) path, escaping only what cannot appear in a path.
 *
 * @example
 * sanitizeRawPath('/files/a%20b'); // '/files/a%20b'
 */
export function sanitizeRawPath(path: string): string {
  return path.replace(RAW_PATH_UNSAFE, escapeMatch);
}

/**
 * Encodes a path that may have been decoded (API Gateway REST `path`): valid escapes stay,
 * spaces, `?`, `#`, non-ASCII and lone `%` are escaped.
 *
 * @example
 * encodeDecodedPath('/a b/100%'); // '/a%20b/100%25'
 */
export function encodeDecodedPath(path: string): string {
  return path.replace(DECODED_PATH_UNSAFE, escapeMatch);
}

/**
 * Normalises a `basePath` option: leading slash, no trailing slash, `''` for none.
 *
 * @example
 * normalizeBasePath('prod/'); // '/prod'
 */
export function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined) return '';
  if (typeof basePath !== 'string') throw new TypeError('basePath must be a string');
  let base = basePath.startsWith('/') ? basePath : `/${basePath}`;
  while (base.endsWith('/')) base = base.slice(0, -1);
  return base;
}

/**
 * Removes `base` from the start of `path` when it ends at a segment boundary.
 *
 * @example
 * stripBasePath('/prod/users', '/prod');  // '/users'
 * stripBasePath('/prod', '/prod');        // '/'
 * stripBasePath('/prodx/users', '/prod'); // '/prodx/users'
 */
export function stripBasePath(path: string, base: string): string {
  if (base === '' || !path.startsWith(base)) return path;
  if (path.length === base.length) return '/';
  return path.charCodeAt(base.length) === 0x2f ? path.slice(base.length) : path;
}
