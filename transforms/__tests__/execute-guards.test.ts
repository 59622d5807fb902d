/**
 * The guards, executed: an ES module Express app, a CommonJS Koa app and a node-cron module are
 * rewritten, then run as real Node processes, started directly, imported, and imported with
 * Lambda's environment.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Transform } from 'jscodeshift';
import guardListen from '../guard-listen';
import guardSchedules from '../guard-schedules';
import { runTransform } from './fixture-harness';

const REPO = path.resolve(__dirname, '..', '..');
let dir: string;

/**
 * Preloaded with `--require`: counts `http.Server#listen` calls (binding port 0 instead), prints
 * the count at exit, and ends a process that a listening server would keep alive.
 */
const COUNT_LISTENS = `
  const http = require('node:http');
  let listens = 0;
  const listen = http.Server.prototype.listen;
  http.Server.prototype.listen = function (...args) {
    listens++;
    return listen.call(this, 0, ...args.filter((a) => typeof a === 'function'));
  };
  process.on('exit', () => process.stdout.write(' listens=' + listens));
  setTimeout(() => process.exit(0), 1000).unref();
`;

function run(args: string[], env: Record<string, string> = {}): string {
  const clean = { ...process.env };
  delete clean.AWS_LAMBDA_FUNCTION_NAME;
  return execFileSync(process.execPath, args, { cwd: dir, env: { ...clean, ...env }, encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
}

function write(name: string, source: string, transform: Transform, options: Record<string, unknown>): string {
  const { output, reports } = runTransform(transform, path.join(dir, name), source, options);
  expect(reports).toEqual([]);
  expect(output).not.toBe(source);
  fs.writeFileSync(path.join(dir, name), output);
  return output;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-guards-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'count-listens.cjs'), COUNT_LISTENS);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('ES module Express app (environment guard)', () => {
  beforeAll(() => {
    write('app.mjs', [
      "import express from 'express';",
      'const app = express();',
      "app.get('/', (req, res) => res.send('ok'));",
      "app.listen(0, () => console.log('started'));",
      'export default app;',
      '',
    ].join('\n'), guardListen as Transform, { moduleSystem: 'esm', entry: true });
  });

  it('listens when started directly', () => {
    expect(run(['--require', './count-listens.cjs', 'app.mjs'])).toBe('started listens=1');
  });

  it('does not listen when imported inside Lambda', () => {
    expect(run(['--require', './count-listens.cjs', '--input-type=module', '-e', "const m = await import('./app.mjs'); console.log(typeof m.default);"], { AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toBe('function listens=0');
  });

  it('still listens when imported outside Lambda (a wrapper or process manager loading the entry)', () => {
    expect(run(['--require', './count-listens.cjs', '--input-type=module', '-e', "const m = await import('./app.mjs'); console.log(typeof m.default);"])).toMatch(/listens=1$/);
  });
});

describe('CommonJS Koa app (environment guard)', () => {
  beforeAll(() => {
    write('koa-app.js', [
      "const Koa = require('koa');",
      'const app = new Koa();',
      "app.use(async (ctx) => { ctx.body = 'hi'; });",
      "app.listen(0, () => console.log('started'));",
      'module.exports = app;',
      '',
    ].join('\n'), guardListen as Transform, {});
  });

  it('listens when started directly', () => {
    expect(run(['--require', './count-listens.cjs', 'koa-app.js'])).toBe('started listens=1');
  });

  it('does not listen when required inside Lambda', () => {
    expect(run(['--require', './count-listens.cjs', '-e', "console.log(typeof require('./koa-app.js').callback)"], { AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toBe('function listens=0');
  });

  it('still listens when required outside Lambda (pm2 cluster mode loads the entry with require)', () => {
    expect(run(['--require', './count-listens.cjs', '-e', "console.log(typeof require('./koa-app.js').callback)"])).toMatch(/listens=1$/);
  });
});

describe('a module the entry point imports (environment guard)', () => {
  beforeAll(() => {
    write('server-part.js', [
      "const express = require('express');",
      'const app = express();',
      'app.listen(0);',
      'module.exports = app;',
      '',
    ].join('\n'), guardListen as Transform, { entry: false });
  });

  it('still listens when imported outside Lambda, as before the rewrite', () => {
    expect(run(['--require', './count-listens.cjs', '-e', "require('./server-part.js')"])).toBe('listens=1');
  });

  it('does not listen inside Lambda', () => {
    expect(run(['--require', './count-listens.cjs', '-e', "require('./server-part.js')"], { AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toBe('listens=0');
  });
});

describe('node-cron schedules (environment guard)', () => {
  beforeAll(() => {
    write('jobs.js', [
      "const cron = require('node-cron');",
      'function tick() {}',
      "cron.schedule('0 * * * *', tick);",
      "const nightly = cron.schedule('0 0 * * *', tick);",
      'nightly.stop();',
      'module.exports = { tick };',
      '',
    ].join('\n'), guardSchedules as Transform, {});
  });

  const countTasks = "const cron = require('node-cron'); require('./jobs.js'); console.log(cron.getTasks().size); process.exit(0);";

  it('schedules the jobs outside Lambda', () => {
    expect(run(['-e', countTasks])).toBe('2');
  });

  it('schedules nothing inside Lambda, while the job functions stay importable', () => {
    expect(run(['-e', countTasks], { AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toBe('0');
    expect(run(['-e', "console.log(typeof require('./jobs.js').tick)"], { AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toBe('function');
  });
});
