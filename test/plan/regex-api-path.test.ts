import { regexApiGatewayPaths, regexLiteralPrefix, regexLiteralText } from '../../src/plan/api-path';

const re = (r: RegExp) => ({ source: r.source, flags: r.flags });

describe('regexLiteralPrefix (what every match provably starts with)', () => {
  it.each([
    [/^\/files\/(\d+)$/, '/files/', false],
    [/^\/health$/, '/health', true],
    [/^\/api\/v1\/users\/?$/, '/api/v1/users', false],
    [/^\/a-b\.json/, '/a-b.json', false],
    // A quantifier that may leave the atom out ends the prefix before it; `+` keeps it once.
    [/^\/files?\/x/, '/file', false],
    [/^\/x*y/, '/', false],
    [/^\/ab+c/, '/ab', false],
    [/^\/a{2}/, '/', false],
    // Escape classes, classes, groups and `.` end it.
    [/^\/v\d+\//, '/v', false],
    [/^\/[a-z]+/, '/', false],
    [/^\/(?:en|de)\/docs/, '/', false],
    [/^\/.+\.json$/, '/', false],
    // Alternation inside a group does not unanchor.
    [/^\/docs\/(a|b)$/, '/docs/', false],
  ])('%s → %j', (regex, literal, exact) => {
    expect(regexLiteralPrefix(re(regex))).toEqual({ literal, exact });
  });

  it.each([
    [/.*fly$/, 'not anchored'],
    [/\/files\/(\d+)/, 'not anchored'],
    [/^\/a|^\/b/, 'top-level `|`'],
    [/^\/admin/m, '`m` flag'],
  ])('%s has no safe prefix (%s)', (regex, why) => {
    const out = regexLiteralPrefix(re(regex));
    expect(out.literal).toBe('');
    expect(out.reason).toContain(why);
  });

  it('stops before the first letter with the `i` flag (a request may write it in either case)', () => {
    expect(regexLiteralPrefix(re(/^\/2024\/Report/i))).toEqual({ literal: '/2024/', exact: false });
    expect(regexLiteralPrefix(re(/^\/health$/i))).toEqual({ literal: '/', exact: false });
  });
});

describe('regexApiGatewayPaths', () => {
  it.each([
    ['', /^\/files\/(\d+)$/, ['/files/{proxy+}']],
    ['', /^\/health$/, ['/health']],
    ['', /^\/api\/v1\/users\/?$/, ['/api/v1/{proxy+}']],
    ['', /^\/files-(\d+)/, ['/{proxy+}']],
    ['', /.*fly$/, ['/{proxy+}']],
    // Express strips the mount path: the regex's prefix goes below it; the mount path itself when `/` may match.
    ['/insects', /.*fly$/, ['/insects', '/insects/{proxy+}']],
    ['/insects', /^\/bee\/\d+$/, ['/insects/bee/{proxy+}']],
    ['/users/:id', /^\/docs\/v\d+/, ['/users/{id}/docs/{proxy+}']],
    // Text API Gateway paths cannot hold literally (`:` reads as a param) stops the prefix.
    ['', /^\/a:b\/c\/d/, ['/{proxy+}']],
  ])('%s %s → %j', (prefix, regex, paths) => {
    expect(regexApiGatewayPaths(prefix, re(regex)).paths).toEqual(paths);
  });

  it('gives the reason, and refuses a mount path API Gateway cannot express', () => {
    expect(regexApiGatewayPaths('', re(/.*fly$/)).reason).toMatch(/without a literal prefix .*not anchored/);
    expect(regexApiGatewayPaths('/a/*x/b', re(/^\/c/))).toEqual({ paths: null, reason: expect.stringMatching(/under a mount path API Gateway cannot express/) });
  });

  it('writes the regex back as a literal, `/` escaped and flags kept', () => {
    expect(regexLiteralText(re(/^\/files\/(\d+)$/i))).toBe('/^\\/files\\/(\\d+)$/i');
    expect(regexLiteralText({ source: '/a', flags: '' })).toBe('/\\/a/');
    // A `/` inside a class needs no escape in a literal.
    expect(regexLiteralText({ source: '[*/]', flags: 'u' })).toBe('/[*/]/u');
  });
});
