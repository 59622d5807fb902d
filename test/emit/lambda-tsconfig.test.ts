/**
 * The generated modules' type check: a service tsconfig that does not take `lambda/` (include
 * `src` only, rootDir `src`) gets `lambda/tsconfig.json` extending it; one that does gets none.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { lambdaTsconfig, tsconfigCovers } from '../../src/emit/lambda-tsconfig';
import { migrate } from '../../src/migrate/migrate';
import { writeProject } from '../helpers/tmp-project';

const dirs: string[] = [];
const project = (tsconfig: unknown, files: Record<string, string> = {}) => {
  const dir = writeProject({ 'tsconfig.json': JSON.stringify(tsconfig), ...files }, 'lambdashift-lambda-tsconfig-');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('tsconfigCovers', () => {
  it.each([
    ['no include (everything)', { compilerOptions: { strict: true } }, true],
    ['include src and lambda', { include: ['src', 'lambda'] }, true],
    ['include **/*', { include: ['**/*'] }, true],
    ['include src only', { include: ['src'], compilerOptions: { rootDir: 'src' } }, false],
    ['everything but lambda', { exclude: ['lambda'] }, false],
    ['files only', { files: ['src/server.ts'] }, false],
  ])('%s', (_name, tsconfig, covered) => {
    expect(tsconfigCovers(project(tsconfig), 'lambda')).toBe(covered);
  });

  it('follows extends', () => {
    const dir = project({ extends: './base.json' }, { 'base.json': JSON.stringify({ include: ['src'] }) });
    expect(tsconfigCovers(dir, 'lambda')).toBe(false);
  });
});

it('points a nested output folder back at the service root', () => {
  expect(JSON.parse(lambdaTsconfig('deploy/lambda'))).toEqual({ extends: '../../tsconfig.json', compilerOptions: { rootDir: '../..', noEmit: true }, include: ['**/*.ts'] });
});

it('migrate writes lambda/tsconfig.json for a service whose tsconfig covers only src, once', async () => {
  const dir = project(
    { compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, rootDir: 'src', outDir: 'dist' }, include: ['src'] },
    {
      'package.json': JSON.stringify({ name: 'svc', version: '1.0.0', main: 'dist/app.js', dependencies: { express: '^5.0.0' } }),
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (_req, res) => { res.send('ok'); });\napp.listen(3000);\nexport default app;\n",
    },
  );
  const first = await migrate({ root: dir, readiness: false });
  expect(first.changes.get('lambda/tsconfig.json')).toMatchObject({ status: 'created', after: lambdaTsconfig('lambda') });
  await applyChangeSet(first.changes, { force: true });
  // Kept, even when edited: it is the user's from now on.
  fs.appendFileSync(path.join(dir, 'lambda/tsconfig.json'), '\n');
  const second = await migrate({ root: dir, readiness: false });
  expect(second.changes.get('lambda/tsconfig.json')?.status).toBe('unchanged');
  expect(second.changes.pending()).toEqual([]);
}, 60_000);
