/** `lambdashift verify` and `lambdashift serve` on the command line: options and exit codes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runServe } from '../../src/cli/serve';
import { CapturedStream, runCli } from '../cli/capture';
import { migratedExample, removeTree } from '../serve/example-copy';

describe('lambdashift verify / serve (CLI)', () => {
  let root: string;
  beforeAll(async () => {
    root = await migratedExample('express5-esm-service');
  });
  afterAll(() => removeTree(root));

  it('verify exits 0 and prints the summary when everything matches', async () => {
    const run = await runCli(['verify', root], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^verify: \d+ requests, \d+ match, 0 mismatch \(original app: src\/server\.js\)$/m);
    expect(run.code).toBe(0);
  });

  it('verify exits 1 with a table when a response differs', async () => {
    const file = path.join(root, 'one.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'not routed', method: 'GET', path: '/nowhere' }]));
    // Without its whole-app function, API Gateway answers an unrouted request itself.
    const fallback = path.join(root, 'lambda/http/appFallback.js');
    const kept = fs.readFileSync(fallback);
    fs.rmSync(fallback);
    const run = await runCli(['verify', '.', '--requests', 'one.json', '--entry', 'src/server.js'], { cwd: root }).finally(() => fs.writeFileSync(fallback, kept));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/#\s+request\s+what\s+original\s+migrated/);
    expect(run.stdout).toMatch(/^1\s+GET \/nowhere\s+header content-type\s+application\/json; charset=utf-8\s+application\/json$/m);
    expect(run.stdout).toMatch(/^\s+body\s+\{"error":"Not Found","path":"\/nowhere"\}\s+\{"message":"Not Found"\}$/m);
    expect(run.stdout).toMatch(/note\s+no API Gateway route matches this request/);
  });

  it('verify rejects a missing entry or request file with exit code 2', async () => {
    expect((await runCli(['verify', root, '--entry', 'nope.js'], { cwd: root })).code).toBe(2);
    expect((await runCli(['verify', root, '--requests', 'nope.json'], { cwd: root })).code).toBe(2);
    expect((await runCli(['verify', root, '--api', 'soap'], { cwd: root })).code).toBe(2);
  });

  it('serve prints its routes on loopback and stops when asked', async () => {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    const running = runServe({ dir: root, port: 0, api: 'http', out: 'lambda', timeout: 5, watch: false }, { stdout, stderr, cwd: root, env: {} }, until);
    const deadline = Date.now() + 20000;
    while (!stdout.text.includes('routes') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.text)![1]!;
    expect(stdout.text).toMatch(/GET\s+http:\/\/127\.0\.0\.1:\d+\/items\/\{id\}\s+→ getItemsById/);
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    stop();
    expect(await running).toBe(0);
    expect(stderr.text).toMatch(/GET \/health 200 getHealth/);
  });

  it('serve rejects a bad port with exit code 2', async () => {
    expect((await runCli(['serve', root, '--port', '70000'], { cwd: root })).code).toBe(2);
  });
});
