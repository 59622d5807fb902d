/**
 * The bridge's small pure helpers.
 */
import { compileBinaryTest, isDefaultBinaryType } from '../../src/runtime/binary';
import { decodeChunked, parseHeaderBlock } from '../../src/runtime/response';
import { setCookieVariant } from '../../src/runtime/result';
import { encodeDecodedPath, encodeQueryComponent, normalizeBasePath, sanitizeRawPath, sanitizeRawQuery, stripBasePath } from '../../src/runtime/url';

describe('query and path encoding', () => {
  test.each([
    ['a b', 'a%20b'],
    ['a+b', 'a%2Bb'],
    ['100%', '100%25'],
    ['x&y=z#f', 'x%26y%3Dz%23f'],
    ['café', 'caf%C3%A9'],
    ['emoji 😀', 'emoji%20%F0%9F%98%80'],
    ['\ud800', '%EF%BF%BD'],
    ['a[b]', 'a[b]'],
    ['/path:with@,;!*()', '/path:with@,;!*()'],
    ['"<>\\^`{|}', '%22%3C%3E%5C%5E%60%7B%7C%7D'],
  ])('encodeQueryComponent(%p) = %p', (input, output) => {
    expect(encodeQueryComponent(input)).toBe(output);
    expect(decodeURIComponent(output)).toBe(input === '\ud800' ? '\ufffd' : input);
  });

  test('raw query strings and paths keep their escapes', () => {
    expect(sanitizeRawQuery('q=a+b%20c%2Bd&e=%zz')).toBe('q=a+b%20c%2Bd&e=%zz');
    expect(sanitizeRawQuery('q=a b#c')).toBe('q=a%20b%23c');
    expect(sanitizeRawPath('/a%2Fb/c d?x')).toBe('/a%2Fb/c%20d%3Fx');
  });

  test('decoded paths: valid escapes stay, literal percent signs are escaped', () => {
    expect(encodeDecodedPath('/a b/100%/%41/ü')).toBe('/a%20b/100%25/%41/%C3%BC');
  });
});

describe('base paths', () => {
  test.each([
    [undefined, ''],
    ['', ''],
    ['/', ''],
    ['prod', '/prod'],
    ['/prod/', '/prod'],
  ])('normalizeBasePath(%p) = %p', (input, output) => {
    expect(normalizeBasePath(input)).toBe(output);
  });

  test('a basePath that is not a string is refused', () => {
    expect(() => normalizeBasePath(5 as never)).toThrow(TypeError);
  });

  test.each([
    ['/prod/users', '/prod', '/users'],
    ['/prod', '/prod', '/'],
    ['/prodx', '/prod', '/prodx'],
    ['/x/prod/users', '/prod', '/x/prod/users'],
    ['/users', '', '/users'],
  ])('stripBasePath(%p, %p) = %p', (path, base, output) => {
    expect(stripBasePath(path, base)).toBe(output);
  });
});

describe('response parsing', () => {
  test('header block: lower-case names, repeated values in order, hop-by-hop dropped', () => {
    const block =
      'HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\n' +
      'Keep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\nset-cookie: b=2\r\nX-Empty: \r\n\r\n';
    expect([...parseHeaderBlock(block)]).toEqual([
      ['set-cookie', ['a=1', 'b=2']],
      ['content-type', ['text/plain']],
      ['x-empty', ['']],
    ]);
  });

  test('chunked framing is removed and trailers dropped', () => {
    const framed = Buffer.concat([
      Buffer.from('3\r\nabc\r\n'),
      Buffer.from('a\r\n'),
      Buffer.from([0, 1, 2, 0x0d, 0x0a, 5, 6, 7, 8, 9]),
      Buffer.from('\r\n0\r\nX-Trailer: 1\r\n\r\n'),
    ]);
    expect(decodeChunked(framed).equals(Buffer.from([0x61, 0x62, 0x63, 0, 1, 2, 0x0d, 0x0a, 5, 6, 7, 8, 9]))).toBe(true);
  });
});

describe('Set-Cookie case variants', () => {
  test('512 distinct spellings of set-cookie, the plain one first', () => {
    const names = Array.from({ length: 512 }, (_, i) => setCookieVariant(i));
    expect(names.slice(0, 4)).toEqual(['set-cookie', 'Set-cookie', 'sEt-cookie', 'SEt-cookie']);
    expect(new Set(names).size).toBe(512);
    expect(names.every((n) => n.toLowerCase() === 'set-cookie')).toBe(true);
    expect(names[511]).toBe('SET-COOKIE');
  });
});

describe('binary types', () => {
  test.each([
    ['image/png', true],
    ['image/jpeg', true],
    ['image/svg+xml', false],
    ['audio/mpeg', true],
    ['video/mp4', true],
    ['font/woff2', true],
    ['application/octet-stream', true],
    ['application/pdf', true],
    ['application/zip', true],
    ['application/epub+zip', true],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', true],
    ['application/vnd.ms-excel', true],
    ['application/json', false],
    ['application/vnd.api+json', false],
    ['application/xml', false],
    ['text/html', false],
    ['', false],
  ])('%s → %p', (mime, binary) => {
    expect(isDefaultBinaryType(mime)).toBe(binary);
  });

  test('content-type parameters and case are ignored; identity encoding is not binary', () => {
    const test = compileBinaryTest(undefined);
    expect(test(new Map([['content-type', ['Image/PNG; q=1']]]))).toBe(true);
    expect(test(new Map([['content-type', ['text/plain']], ['content-encoding', ['identity']]]))).toBe(false);
    expect(test(new Map([['content-type', ['text/plain']], ['content-encoding', ['br']]]))).toBe(true);
  });

  test('patterns: only * is special', () => {
    const test = compileBinaryTest(['application/x.custom+bin', 'model/*']);
    expect(test(new Map([['content-type', ['application/x.custom+bin']]]))).toBe(true);
    expect(test(new Map([['content-type', ['application/xxcustom+bin']]]))).toBe(false);
    expect(test(new Map([['content-type', ['model/gltf-binary']]]))).toBe(true);
    expect(compileBinaryTest([])(new Map([['content-type', ['image/png']]]))).toBe(false);
  });

  test('an invalid option is refused when the handler is created', () => {
    expect(() => compileBinaryTest('image/*' as never)).toThrow(TypeError);
    expect(() => compileBinaryTest([5] as never)).toThrow(TypeError);
  });
});
