import { EnvScanner, parseLambdaConfig } from '../../src/emit/iac';
import { settingsFor } from '../../src/emit/iac/lambda-config';
import type { Diagnostic } from '../../src/model/diagnostic';
import { resolveRelative } from '../../src/emit/iac/env-scan';

const files: Record<string, string> = {
  'lambda/http/getUsers.ts': "import { handler as h } from '../../src/routes/users.js';\nimport type { Cfg } from '../../src/types';\nexport const handler = h;\n",
  'src/routes/users.ts': "import { db } from '../db';\nconst { API_KEY, 'X_MODE': mode, ...rest } = process.env;\nexport const handler = () => process.env.LOG_LEVEL ?? db;\n",
  'src/db/index.ts': "const url = process.env['DATABASE_URL'];\n// process.env.IN_A_COMMENT is not read\nexport const db = require('./pool') + process.env.AWS_REGION;\n",
  'src/db/pool.js': "module.exports = process.env.POOL_SIZE || '4'; require('express');\n",
  'src/types.ts': 'export interface Cfg { x: typeof process.env.TYPE_ONLY }\n',
  'lambda/http/other.ts': "import '../../src/other.mjs';\n",
  'src/other.mjs': "export default process.env.OTHER;\n",
};
const read = (rel: string): string | null => files[rel] ?? null;

describe('EnvScanner', () => {
  const scanner = new EnvScanner(read);

  it('follows relative imports (ESM, require, .js → .ts, index files) and collects every read form', () => {
    expect(scanner.variablesReachedFrom('lambda/http/getUsers.ts')).toEqual(['API_KEY', 'DATABASE_URL', 'LOG_LEVEL', 'POOL_SIZE', 'X_MODE']);
  });

  it('skips comments, type-only imports, packages and names Lambda reserves', () => {
    const found = scanner.variablesReachedFrom('lambda/http/getUsers.ts');
    expect(found).not.toContain('IN_A_COMMENT');
    expect(found).not.toContain('TYPE_ONLY');
    expect(found).not.toContain('AWS_REGION');
  });

  it('scopes results to what each function reaches', () => {
    expect(scanner.variablesReachedFrom('lambda/http/other.ts')).toEqual(['OTHER']);
  });
});

describe('lambdashift.config.json', () => {
  it('merges a function’s settings over the defaults', () => {
    const diagnostics: Diagnostic[] = [];
    const config = parseLambdaConfig('{ "defaults": { "memorySize": 256, "timeout": 10 }, "functions": { "getUsers": { "timeout": 29 } } }', diagnostics);
    expect(settingsFor(config, 'getUsers')).toEqual({ memorySize: 256, timeout: 29 });
    expect(settingsFor(config, 'other')).toEqual({ memorySize: 256, timeout: 10 });
    expect(diagnostics).toEqual([]);
  });

  it('reports bad values and unknown keys and ignores them', () => {
    const diagnostics: Diagnostic[] = [];
    const config = parseLambdaConfig('{ "defaults": { "memorySize": 64, "timeout": 10, "cpu": 2 }, "fns": {} }', diagnostics);
    expect(config.defaults).toEqual({ timeout: 10 });
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('defaults.memorySize must be a whole number from 128 to 10240'),
      expect.stringContaining('defaults.cpu is not a known setting'),
      expect.stringContaining('fns is not a known key'),
    ]);
    expect(diagnostics.every((d) => d.file === 'lambdashift.config.json' && d.severity === 'warning')).toBe(true);
  });

  it('reports invalid JSON', () => {
    const diagnostics: Diagnostic[] = [];
    expect(parseLambdaConfig('{ nope', diagnostics)).toEqual({ defaults: {}, functions: {}, deploy: {}, transforms: [] });
    expect(diagnostics[0]!.message).toMatch(/cannot parse lambdashift.config.json/);
  });
});

describe('resolveRelative at the root', () => {
  it("resolves '..' and '.' from a root file to the root's index, never to a name outside the root", () => {
    const files: Record<string, string> = { 'index.js': '', 'routes/index.js': '' };
    const read = (rel: string): string | null => files[rel] ?? null;
    expect(resolveRelative('routes/index.js', '..', read)).toBe('index.js');
    expect(resolveRelative('app.js', '.', read)).toBe('index.js');
    expect(resolveRelative('app.js', '..', read)).toBeNull();
    expect(resolveRelative('routes/index.js', '../..', read)).toBeNull();
  });
});
