/**
 * Deciding which response bodies go back base64-encoded.
 *
 * API Gateway REST returns a base64 body verbatim unless the API lists the type in its
 * binaryMediaTypes, so text must stay text: only types that are binary by nature are encoded,
 * plus anything compressed, plus any body that is not valid UTF-8 (as text it would be corrupted).
 */
import { isUtf8 } from 'buffer';
import type { HeaderMap } from './response';
import type { BinaryOption } from './types';

/** Whether a response with these headers is binary (before the UTF-8 check). */
export type BinaryTest = (headers: HeaderMap) => boolean;

const BINARY_APPLICATION_TYPES = new RegExp(
  '^(?:octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-bzip2?|x-xz|zstd|x-7z-compressed|x-rar-compressed|vnd\\.rar' +
    '|java-archive|wasm|x-protobuf|protobuf|x-msgpack|msgpack|cbor|msword|ogg|x-sqlite3|vnd\\.sqlite3' +
    '|vnd\\.ms-[\\w.+-]+|vnd\\.openxmlformats-officedocument\\.[\\w.+-]+|vnd\\.oasis\\.opendocument\\.[\\w.+-]+' +
    '|vnd\\.android\\.package-archive|font-[\\w.+-]+|x-font-[\\w.+-]+|[\\w.-]+\\+(?:zip|gzip))$',
);

/**
 * The built-in list: images (except SVG), audio, video, fonts and binary application types.
 *
 * @example
 * isDefaultBinaryType('image/png');        // true
 * isDefaultBinaryType('application/json'); // false
 */
export function isDefaultBinaryType(mime: string): boolean {
  const slash = mime.indexOf('/');
  const sub = mime.slice(slash + 1);
  switch (mime.slice(0, slash)) {
    case 'image':
      return sub !== 'svg+xml';
    case 'audio':
    case 'video':
    case 'font':
      return true;
    case 'application':
      return BINARY_APPLICATION_TYPES.test(sub);
    default:
      return false;
  }
}

/** `text/html; charset=utf-8` → `text/html`. */
function mimeType(headers: HeaderMap): string {
  const value = headers.get('content-type')?.[0];
  if (value === undefined) return '';
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

function isEncoded(headers: HeaderMap): boolean {
  const encoding = headers.get('content-encoding')?.[0];
  return encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'identity';
}

/** `image/*` → /^image\/.*$/; only `*` is special. */
function compilePatterns(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((pattern) => {
    if (typeof pattern !== 'string') throw new TypeError('binary patterns must be strings');
    return pattern
      .trim()
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\/]/g, '\\$&')
      .replace(/\*/g, '.*');
  });
  return new RegExp(`^(?:${alternatives.join('|') || '(?!)'})$`);
}

function joinHeaders(headers: HeaderMap): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, values] of headers) Object.defineProperty(joined, name, { value: values.join(', '), enumerable: true });
  return joined;
}

/**
 * Turns the `binary` option into a test, once per handler.
 *
 * @example
 * const test = compileBinaryTest(['image/*']);
 * test(new Map([['content-type', ['image/webp']]])); // true
 */
export function compileBinaryTest(option: BinaryOption | undefined): BinaryTest {
  if (option === undefined) return (headers) => isEncoded(headers) || isDefaultBinaryType(mimeType(headers));
  if (typeof option === 'function') return (headers) => option(joinHeaders(headers)) === true;
  if (!Array.isArray(option)) throw new TypeError('binary must be a function or an array of MIME patterns');
  const pattern = compilePatterns(option);
  return (headers) => isEncoded(headers) || pattern.test(mimeType(headers));
}

/**
 * Whether this body must be returned base64: the test says so, or the bytes are not UTF-8.
 *
 * @example
 * isBinaryBody(compileBinaryTest(undefined), new Map(), Buffer.from([0xff])); // true
 */
export function isBinaryBody(test: BinaryTest, headers: HeaderMap, body: Buffer): boolean {
  return body.length > 0 && (test(headers) || !isUtf8(body));
}
