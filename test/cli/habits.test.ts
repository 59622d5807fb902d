import * as fs from 'node:fs';
import { resolveColor } from '../../src/changes/output';
import { writeProject } from '../helpers/tmp-project';
import { runCli } from './capture';

const cwd = writeProject({ 'package.json': '{ "name": "svc", "version": "1.0.0" }\n', 'app.js': "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\nmodule.exports = app;\n" }, 'lambdashift-habits-');

afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('command lines written from habit', () => {
  it("suggests the equivalent of jscodeshift's flags", async () => {
    const r = await runCli(['run', 'src', '-d', '--cpus', '4', '-t', 'x.ts'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'lambdashift: Unknown arguments: d, cpus\n' +
        '  hint: lambdashift is a dry run unless --write is given (jscodeshift -d/--dry)\n' +
        '  hint: use --workers N (jscodeshift -c/--cpus)\n' +
        'Run `lambdashift --help` for usage.\n',
    );
  });

  it('rejects a switch given another value than true/false instead of running dry', async () => {
    const r = await runCli(['migrate', '.', '--write=maybe'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lambdashift: --write is a switch: give it alone or as --write=true\/false, not "maybe"\n/);
  });

  it('reports a bad --runtime in one line, without a stack trace', async () => {
    const r = await runCli(['migrate', '.', '--runtime', 'python3.12'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lambdashift: --runtime must be a Lambda Node\.js runtime \([^)]*\), got python3\.12\nRun `lambdashift --help` for usage\.\n$/);
  });

  it('says "changes pending" when --check exits 3', async () => {
    const r = await runCli(['migrate', '.', '--check'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\nlambdashift: changes pending \(\d+ files\); run with --write to apply them\n$/);
  }, 60_000);

  it('honours FORCE_COLOR with --color auto', () => {
    expect(resolveColor('auto', { isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(resolveColor('auto', { isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(resolveColor('auto', { isTTY: true }, { FORCE_COLOR: 'false' })).toBe(false);
    expect(resolveColor('auto', { isTTY: false }, { FORCE_COLOR: '' })).toBe(false);
    expect(resolveColor('never', { isTTY: true }, { FORCE_COLOR: '1' })).toBe(false);
  });
});
