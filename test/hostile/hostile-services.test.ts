/**
 * Hostile and broken services, one per case of issue 14, each run through the real CLI
 * in-process. What every case asserts: nothing from the input becomes code, nothing lands
 * outside the root, `--write` is all or nothing, every bad file is reported with its location
 * while the other files still migrate, exit codes as the README documents, no stack traces.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as vm from 'node:vm';
import { runCli, type CliRun } from '../cli/capture';
import { git, gitStatus, hostileService, mounting, STACK_FRAME, tree } from './service';

const migrate = (dir: string, ...args: string[]): Promise<CliRun> => runCli(['migrate', dir, ...args], { cwd: dir });
const json = async (dir: string): Promise<{ code: number; report: { functions: Array<{ name: string; path?: string }>; diagnostics: Array<{ severity: string; file: string; line: number; column: number; code?: string; message: string }> }; stderr: string }> => {
  const r = await migrate(dir, '--format', 'json');
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
};

/** Characters that must never reach generated code or the terminal raw. */
const RAW_UNSAFE = /[\u2028\u2029\u0000\u001b\r\u202e]/;

/** The other routes of the base service, which must still migrate when one file is bad. */
const BASE_FUNCTIONS = ['getHealth', 'getOrders', 'getUsers', 'getUsersById', 'postOrders'];

/** `--write` wrote nothing and said so, with exit 1 and no stack trace. */
async function expectNothingWritten(dir: string): Promise<CliRun> {
  const r = await migrate(dir, '--write');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^lambdashift: (nothing written|refusing to write)/m);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toContain('changed on disk since it was read');
  expect(gitStatus(dir)).toBe('');
  return r;
}

describe('1. no input becomes code', () => {
  const pwned = path.join(os.tmpdir(), `lambdashift-pwned-${process.pid}`);
  const payload = `require("fs").writeFileSync(${JSON.stringify(pwned)}, "x")//`;

  test('a job name with U+2028 stays inside the metadata comment; the module loads only what it should', async () => {
    // `\\u2028` as written in the source: invisible in review, a line terminator to JavaScript.
    const job = `const cron = require('node-cron');\n\ncron.schedule('0 3 * * *', function nightly() {}, { name: 'nightly\\u2028${payload.replace(/'/g, "\\'")}', timezone: 'UTC' });\n`;
    const dir = hostileService({ 'jobs/nightly.js': job });
    const r = await migrate(dir, '--write');
    expect(r.code).toBe(0);
    const generated = [...tree(dir)].filter(([file]) => file.startsWith('lambda/'));
    expect(generated.length).toBeGreaterThan(5);
    for (const [file, bytes] of generated) {
      const text = bytes.toString('utf8');
      expect({ file, unsafe: RAW_UNSAFE.test(text) }).toEqual({ file, unsafe: false });
      // Loads as a script with a require that records what is asked for: nothing but the runtime and the user's own modules.
      const required: string[] = [];
      const stub: object = new Proxy(function stub() {}, { get: () => stub, apply: () => stub, construct: () => stub });
      const exports = {};
      new vm.Script(text, { filename: file }).runInNewContext({ require: (id: string) => (required.push(id), stub), exports, module: { exports }, process: { env: {} } });
      expect(required.filter((id) => !/^(express|lambdashift\/runtime|\.\.\/\.\.\/(app|routes\/\w+|jobs\/\w+)\.js)$/.test(id))).toEqual([]);
    }
    expect(fs.existsSync(pwned)).toBe(false);
    const jobModule = generated.find(([file]) => file.startsWith('lambda/jobs/'))![1].toString('utf8');
    expect(jobModule).toContain('nightly\\u2028require');
    // The metadata still reads back: a second run changes nothing.
    expect((await migrate(dir, '--check')).code).toBe(0);
  });
});

describe('9. diagnostics cannot forge lines or drive the terminal', () => {
  test('a route path with U+2028, CR and ESC is printed escaped, on its own line', async () => {
    const routes = `const { Router } = require('express');\nconst router = Router();\nrouter.get('/a\\u2028routes/x.js:9:9: error: forged\\r\\u001b[2J', (req, res) => res.end());\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n`;
    const dir = hostileService({ 'routes/users.js': routes });
    const r = await migrate(dir);
    expect(r.stderr).toContain('\\u2028routes/x.js:9:9');
    expect(RAW_UNSAFE.test(r.stderr)).toBe(false);
    expect(r.stderr.split('\n').filter((line) => line.startsWith('routes/x.js'))).toEqual([]);
    const generated = r.stdout.split('\n').filter((line) => line.startsWith('+'));
    expect(generated.some((line) => RAW_UNSAFE.test(line))).toBe(false);
  });
});

describe('2. nothing lands outside the root', () => {
  test('a committed `lambda -> /elsewhere` symlink: refused, nothing written anywhere', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-outside-'));
    const dir = hostileService();
    fs.symlinkSync(outside, path.join(dir, 'lambda'));
    const r = await migrate(dir, '--write');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lambda\/http\/getHealth\.js: leads outside the root through a symbolic link/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(gitStatus(dir)).toBe('?? lambda\n'); // the symlink itself, untouched
  });

  test('a route file symlinked out of the root: reported with its location, the rest migrates, nothing written', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-outside-'));
    fs.writeFileSync(path.join(outside, 'orders.js'), "const express = require('express');\nconst router = express.Router();\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n");
    const dir = hostileService({ 'routes/orders.js': null });
    fs.symlinkSync(path.join(outside, 'orders.js'), path.join(dir, 'routes/orders.js'));
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'symlinked router');
    const { code, report } = await json(dir);
    expect(code).toBe(1);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', file: 'routes/orders.js', line: 1, column: 1, code: 'scan/outside-root' }));
    expect(report.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['getHealth', 'getUsers', 'getUsersById']));
    await expectNothingWritten(dir);
    expect(fs.readdirSync(outside)).toEqual(['orders.js']);
  });
});

describe('3-6. one bad file: located, the others migrate, --write writes nothing', () => {
  const deepParens = `const express = require('express');\nconst router = express.Router();\nconst x = ${'('.repeat(20_000)}1${')'.repeat(20_000)};\nrouter.get('/', (req, res) => res.json(x));\nmodule.exports = router;\n`;
  const deepCalls = `const express = require('express');\nconst router = express.Router();\nconst f = (v) => v;\nconst x = ${'f('.repeat(10_000)}1${')'.repeat(10_000)};\nrouter.get('/', (req, res) => res.json(x));\nmodule.exports = router;\n`;
  const longSum = `const express = require('express');\nconst router = express.Router();\nconst x = ${Array.from({ length: 200_000 }, (_, i) => i % 10).join(' + ')};\nrouter.get('/', (req, res) => res.json(x));\nmodule.exports = router;\n`;
  const latin1 = Buffer.concat([
    Buffer.from("const express = require('express');\nconst router = express.Router();\n// caf"),
    Buffer.from([0xe9]),
    Buffer.from(" au lait\nrouter.get('/', (req, res) => res.json({ drink: 'coffee' }));\nmodule.exports = router;\n"),
  ]);
  const binary = Buffer.concat([Buffer.from("const express = require('express');\nconst router = express.Router();\nrouter.get('/', (req, res) => res.json(1));\n"), Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from('\nmodule.exports = router;\n')]);
  const syntaxError = "const express = require('express');\nconst router = express.Router();\nrouter.get('/', (req, res) => { res.json(1) ;; );\nmodule.exports = router;\n";

  test.each<[string, string | Buffer, RegExp]>([
    ['a syntax error', syntaxError, /^routes\/bad\.js:3:\d+: /m],
    ['20,000 nested parentheses', deepParens, /^routes\/bad\.js:3:\d+: error: routes\/bad\.js is nested more than 1500 levels deep/m],
    ['10,000 nested calls', deepCalls, /^routes\/bad\.js:4:\d+: error: routes\/bad\.js is nested more than 1500 levels deep/m],
    ['a 200,000-term sum', longSum, /^routes\/bad\.js:3:\d+: error: routes\/bad\.js is nested more than 1500 levels deep/m],
    ['binary content', binary, /^routes\/bad\.js:4:1: error: routes\/bad\.js holds binary data/m],
    ['a Latin-1 byte in a file that needs rewriting', latin1, /^routes\/bad\.js:3:7: routes\/bad\.js is not valid UTF-8 \(byte 0xE9 at 3:7/m],
  ])('%s', async (_label, content, reported) => {
    const dir = hostileService({ 'routes/bad.js': content, ...mounting('routes/bad.js', '/bad') });
    const dry = await migrate(dir);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(reported);
    expect(dry.stderr).not.toMatch(STACK_FRAME);
    // Never a replacement character in the diff: bytes are not silently changed.
    expect(dry.stdout).not.toContain('\ufffd');
    for (const name of BASE_FUNCTIONS) expect(dry.stdout).toContain(`+++ b/lambda/http/${name}.js`);
    await expectNothingWritten(dir);
  });

  test('a 200,000-term sum in a module a route imports (loaded on demand, no framework words)', async () => {
    const route = "const express = require('express');\nconst router = express.Router();\nconst { total } = require('../lib/sum');\nrouter.get('/', (req, res) => res.json(total));\nmodule.exports = router;\n";
    const sum = `exports.total = ${Array.from({ length: 200_000 }, (_, i) => i % 10).join(' + ')};\n`;
    const dir = hostileService({ 'routes/bad.js': route, 'lib/sum.js': sum, ...mounting('routes/bad.js', '/bad') });
    const dry = await migrate(dir);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/^lib\/sum\.js:1:\d+: error: lib\/sum\.js is nested more than 1500 levels deep/m);
    expect(dry.stderr).not.toMatch(/Maximum call stack|unexpected error/);
    for (const name of BASE_FUNCTIONS) expect(dry.stdout).toContain(`+++ b/lambda/http/${name}.js`);
    await expectNothingWritten(dir);
  });

  // The per-file budget (LAMBDASHIFT_MAX_FILE_BYTES, 10 MiB by default; 20,000 bytes here so the
  // module stays small): a file over it is never parsed, by the scan, the env scan or IAM.
  test.each([
    ['read by the scan (it names express)', '// express handlers\n'],
    ['loaded on demand (no framework words)', ''],
  ])('a generated module over the per-file budget, %s: located, its route served by the fallback', async (_label, header) => {
    const big = header + Array.from({ length: 500 }, (_, i) => `exports.h${i} = (req, res) => res.json({ value: ${i} });\n`).join('');
    expect(Buffer.byteLength(big)).toBeGreaterThan(20_000);
    const route = "const express = require('express');\nconst big = require('../lib/big');\nconst router = express.Router();\nrouter.get('/', big.h1);\nmodule.exports = router;\n";
    const dir = hostileService({ 'routes/big.js': route, 'lib/big.js': big, ...mounting('routes/big.js', '/big') });
    const env = { LAMBDASHIFT_MAX_FILE_BYTES: '20000' };
    const dry = await runCli(['migrate', dir], { cwd: dir, env });
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/^lib\/big\.js:1:1: error: lib\/big\.js is \d+\.\d KiB \(\d+ bytes\), over the scan's per-file budget of 19\.5 KiB \(20000 bytes; LAMBDASHIFT_MAX_FILE_BYTES raises it\): it is not scanned/m);
    expect(dry.stderr).not.toMatch(STACK_FRAME);
    for (const name of BASE_FUNCTIONS) expect(dry.stdout).toContain(`+++ b/lambda/http/${name}.js`);
    const report = JSON.parse((await runCli(['migrate', dir, '--format', 'json'], { cwd: dir, env })).stdout) as { routes: Array<{ path: string; servedBy: string }>; diagnostics: Array<{ code?: string; file: string; line: number; message: string }> };
    const bigRoute = report.routes.find((r) => r.path === '/big')!;
    expect(bigRoute.servedBy).toBe('appFallback');
    expect(report.diagnostics.find((d) => d.code === 'plan/unsupported-handler')).toMatchObject({ file: 'routes/big.js', line: 4, message: expect.stringContaining('`big` comes from lib/big.js, which the scan did not read') });
    // Within the default budget the same service migrates the route on its own.
    const within = await migrate(dir);
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('+++ b/lambda/http/getBig.js');
    const r = await runCli(['migrate', dir, '--write'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(gitStatus(dir)).toBe('');
  });

  test('a per-file budget that is not a positive number of bytes is a usage error', async () => {
    const dir = hostileService();
    const r = await runCli(['migrate', dir], { cwd: dir, env: { LAMBDASHIFT_MAX_FILE_BYTES: '10MB' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lambdashift: LAMBDASHIFT_MAX_FILE_BYTES must be a positive whole number of bytes \(got "10MB"\)$/m);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  test('a syntax error in a controller a route imports (nothing in it to extract or export)', async () => {
    const route = "const express = require('express');\nconst router = express.Router();\nconst { list } = require('../controllers/bad');\nrouter.get('/', list);\nmodule.exports = router;\n";
    const controller = 'exports.list = (req, res) => {\n  res.json(1) ;; );\n};\n';
    const dir = hostileService({ 'routes/bad.js': route, 'controllers/bad.js': controller, ...mounting('routes/bad.js', '/bad') });
    const dry = await migrate(dir);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/^controllers\/bad\.js:2:\d+: /m);
    expect(dry.stderr).not.toMatch(STACK_FRAME);
    for (const name of BASE_FUNCTIONS) expect(dry.stdout).toContain(`+++ b/lambda/http/${name}.js`);
    await expectNothingWritten(dir);
  });
});

describe('7. failures are one line naming the file, never a stack trace', () => {
  test('a 5,000-character route path: names shortened deterministically and reported; written within limits', async () => {
    const long = 'a'.repeat(5000);
    const routes = `const { Router } = require('express');\nconst router = Router();\nrouter.get('/${long}', (req, res) => res.json([]));\nmodule.exports = router;\n`;
    const dir = hostileService({ 'routes/users.js': routes });
    const r = await migrate(dir, '--write');
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^routes\/users\.js:3:1: info: the function name derived here \(5008 characters\) is shortened to getUsersAa+_[0-9a-f]{8}/m);
    for (const file of tree(dir).keys()) for (const part of file.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
    const yml = fs.readFileSync(path.join(dir, 'serverless.yml'), 'utf8');
    const names = [...yml.matchAll(/^ {2}(\w+):$/gm)].map((m) => m[1]!).filter((n) => n !== 'name');
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(`hostile-service-dev-${name}`.length).toBeLessThanOrEqual(64);
    expect((await migrate(dir, '--check')).code).toBe(0);
  });

  test.each([
    ['empty', '', /^lambdashift: package\.json: is empty; fix it and run again\n$/],
    ['truncated', '{ "name": "hostile-service", "dependencies": {', /^lambdashift: package\.json: is not valid JSON \(.+\); fix it and run again\n$/],
  ])('an %s package.json', async (_label, content, message) => {
    const dir = hostileService({ 'package.json': content });
    const r = await migrate(dir, '--write');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(gitStatus(dir)).toBe('');
  });

  test('two concurrent --write --force runs: one writes, the other stops with one line', async () => {
    const dir = hostileService();
    const runs = await Promise.all([migrate(dir, '--write', '--force'), migrate(dir, '--write', '--force')]);
    expect(runs.map((r) => r.code).sort()).toEqual([0, 1]);
    const loser = runs.find((r) => r.code === 1)!;
    expect(loser.stderr).toMatch(/^lambdashift: (another lambdashift run \(pid \d+ on .+\) is writing to this service|refusing to write)/m);
    expect(loser.stderr).not.toMatch(/EEXIST|STACK/);
    expect(loser.stderr).not.toMatch(STACK_FRAME);
    expect((await migrate(dir, '--check')).code).toBe(0);
    expect([...tree(dir).keys()].filter((f) => f.includes('.lambdashift'))).toEqual([]);
  });
});

describe('8. recovery after a killed write', () => {
  test('temp files of a killed run are neither user changes nor planned deletions', async () => {
    const dir = hostileService();
    expect((await migrate(dir, '--write')).code).toBe(0);
    const stray = path.join(dir, 'lambda/http/.getHealth.js.lambdashift-99999-0123456789ab.tmp');
    fs.copyFileSync(path.join(dir, 'lambda/http/getHealth.js'), stray);
    const r = await migrate(dir, '--check');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  test('SIGKILL among the commit renames, then a plain re-run: rolled back and migrated, nothing left over', async () => {
    const dir = hostileService();
    const child = spawn(process.execPath, [path.join(__dirname, 'helpers/migrate-kill-child.js'), JSON.stringify({ projectRoot: path.resolve(__dirname, '../..'), target: dir, paceMs: 300 })], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let killedAt = '';
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!killedAt && /^commit 4 /.test(line)) {
        killedAt = line;
        child.kill('SIGKILL');
      }
    });
    const signal = await new Promise<string | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect({ signal, killedAt: killedAt !== '', stderr }).toEqual({ signal: 'SIGKILL', killedAt: true, stderr: '' });
    // Half-done: some files written, the journal (lock) and temp files left behind.
    expect(gitStatus(dir)).not.toBe('');
    expect(fs.existsSync(path.join(dir, '.lambdashift.lock'))).toBe(true);

    const rerun = await migrate(dir, '--write');
    expect(rerun.stderr).toMatch(/^lambdashift: recovered from an interrupted write \(pid \d+\): rolled back \d+ file\(s\)/m);
    expect(rerun.code).toBe(0);
    // Exactly what an uninterrupted run writes, and nothing else.
    const clean = hostileService();
    expect((await migrate(clean, '--write')).code).toBe(0);
    const got = tree(dir);
    const want = tree(clean);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [file, bytes] of want) expect({ file, same: got.get(file)!.equals(bytes) }).toEqual({ file, same: true });
  }, 120_000);
});
