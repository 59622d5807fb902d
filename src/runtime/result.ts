/**
 * Shaping a captured response into the result format of its event source.
 *
 * Several Set-Cookie headers survive on every source: v2 has a `cookies` array, v1 and
 * multi-value ALB take `multiValueHeaders`, and single-value ALB, which only reads `headers`,
 * gets each cookie under a differently-cased name (`set-cookie`, `Set-cookie`, `sEt-cookie`…):
 * ALB forwards header names as given, so the client receives every one of them.
 */
import type { ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { EventKind } from './event';
import type { CapturedResponse, HeaderMap } from './response';
import type { LambdaHttpResult } from './types';

/** Object keys come from the app; `__proto__` must become a plain property. */
function put<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const SET_COOKIE = 'set-cookie';
/** Indices of the letters in `set-cookie` (the hyphen has no case). */
const SET_COOKIE_LETTERS = [0, 1, 2, 4, 5, 6, 7, 8, 9];

/**
 * The `index`-th case variant of `set-cookie` (bit n upper-cases letter n); 512 exist.
 *
 * @example
 * setCookieVariant(0); // 'set-cookie'
 * setCookieVariant(1); // 'Set-cookie'
 * setCookieVariant(2); // 'sEt-cookie'
 */
export function setCookieVariant(index: number): string {
  let name = '';
  let letter = 0;
  for (let i = 0; i < SET_COOKIE.length; i++) {
    const char = SET_COOKIE[i];
    if (SET_COOKIE_LETTERS[letter] === i) {
      name += (index >> letter) & 1 ? char.toUpperCase() : char;
      letter++;
    } else {
      name += char;
    }
  }
  return name;
}

const MAX_COOKIE_VARIANTS = 1 << SET_COOKIE_LETTERS.length;

function multiValue(headers: HeaderMap): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of headers) put(out, name, values);
  return out;
}

/** Single-value headers; repeated headers joined with `, ` (Set-Cookie is handled by the caller). */
function singleValue(headers: HeaderMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of headers) if (name !== SET_COOKIE) put(out, name, values.join(', '));
  return out;
}

/**
 * Builds the Lambda result for `kind` from a captured response and its encoded body.
 *
 * @example
 * formatResult('v2', captured, 'hello', false);
 * // { statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: ['a=1'], body: 'hello', isBase64Encoded: false }
 */
export function formatResult(
  kind: EventKind | undefined,
  response: CapturedResponse,
  body: string,
  isBase64Encoded: boolean,
): LambdaHttpResult {
  const { statusCode, headers } = response;
  switch (kind) {
    case 'v2': {
      const result: APIGatewayProxyStructuredResultV2 = { statusCode, headers: singleValue(headers), body, isBase64Encoded };
      const cookies = headers.get(SET_COOKIE);
      if (cookies !== undefined) result.cookies = cookies;
      return result;
    }
    case 'v1': {
      const result: APIGatewayProxyResult = { statusCode, multiValueHeaders: multiValue(headers), body, isBase64Encoded };
      return result;
    }
    case 'alb-multi': {
      const statusDescription = `${statusCode} ${response.statusMessage}`;
      const result: ALBResult = { statusCode, statusDescription, multiValueHeaders: multiValue(headers), body, isBase64Encoded };
      return result;
    }
    case 'alb': {
      const statusDescription = `${statusCode} ${response.statusMessage}`;
      const single = singleValue(headers);
      const cookies = headers.get(SET_COOKIE) ?? [];
      // 512 variants exist; a response with more cookies than that is not realistic.
      const count = Math.min(cookies.length, MAX_COOKIE_VARIANTS);
      for (let i = 0; i < count; i++) single[setCookieVariant(i)] = cookies[i];
      const result: ALBResult = { statusCode, statusDescription, headers: single, body, isBase64Encoded };
      return result;
    }
    default: {
      // Unknown source (a malformed event answered by the bridge itself, never with cookies):
      // `headers` alone is understood by every source.
      const result: APIGatewayProxyResult = { statusCode, headers: singleValue(headers), body, isBase64Encoded };
      return result;
    }
  }
}
