/**
 * `lambdashift check` and the readiness parts of `migrate` through the CLI (in-process):
 * text, --rules, the config's severities and `off`, `// lambdashift-ignore`, --fail-on exit
 * codes, the JSON/Markdown/stderr reports, and SARIF validated against the SARIF 2.1.0 JSON
 * schema shipped in @microsoft/jest-sarif (the OASIS schema, not a transcription).
 */
import '@microsoft/jest-sarif';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli/capture';
import { writeProject } from '../helpers/tmp-project';
import { READINESS_RULES } from '../../src/readiness/rules';

const APP = `const fs = require('fs');
const express = require('express');

const app = express();
let hits = 0;
app.use(express.static('public'));
app.get('/hits', (req, res) => {
  hits++;
  fs.writeFileSync('hits.txt', String(hits));
  res.json({ hits });
});
app.get('/seen', (req, res) => {
  fs.appendFileSync('seen.log', 'x'); // lambdashift-ignore fs-write
  res.end();
});
app.listen(3000);
module.exports = app;
`;

const validSarif = (value: unknown) => (expect(value) as unknown as { toBeValidSarifLog(): void }).toBeValidSarifLog();

describe('lambdashift check', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeProject({ 'package.json': '{ "name": "svc", "dependencies": { "express": "^4.21.0" } }', 'app.js': APP });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists findings with location, functions, why and what to do; ignore comments suppress one finding', async () => {
    const r = await runCli(['check', dir, '--color', 'never'], { cwd: dir });
    expect(r.code).toBe(0);
    const heads = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
    expect(heads).toEqual([
      'app.js:5:5: warning module-state: module-level `hits` is changed at runtime (line 8): each instance keeps its own copy',
      "app.js:6:9: warning static-files: `express.static` serves files from the function's package, one invocation per file",
      "app.js:9:3: error fs-write: `fs.writeFileSync` writes to `'hits.txt'`, outside /tmp",
    ]);
    expect(r.stdout).toContain('  affects: getHits\n');
    expect(r.stdout).toContain('  why: The deployment package is read-only on Lambda');
    expect(r.stdout).toContain('  instead: Store files in S3');
    expect(r.stdout).toContain('  getHits: blockers (1 error, 2 warnings)');
    expect(r.stderr).toMatch(/^lambdashift check: readiness: 1 blocker, 2 warnings \(functions: 1 blocked, 1 with warnings, 0 clean\); done in /m);
  });

  it('--fail-on error / warning exit 1 when a finding reaches it', async () => {
    expect((await runCli(['check', dir, '--fail-on', 'error'], { cwd: dir })).code).toBe(1);
    const off = writeProject({ 'app.js': APP, 'lambdashift.config.json': JSON.stringify({ readiness: { 'fs-write': 'warning', 'static-files': 'off' } }) });
    try {
      const r = await runCli(['check', off, '--fail-on', 'error', '--format', 'json'], { cwd: off });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.readiness.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`)).toEqual(['module-state warning', 'fs-write warning']);
      expect(report.functionReadiness).toEqual([{ name: 'getHits', status: 'warnings', errors: 0, warnings: 2 }, { name: 'getSeen', status: 'warnings', errors: 0, warnings: 1 }]);
      expect((await runCli(['check', off, '--fail-on', 'warning'], { cwd: off })).code).toBe(1);
    } finally {
      fs.rmSync(off, { recursive: true, force: true });
    }
  });

  it('reports unknown rule ids in the config', async () => {
    const bad = writeProject({ 'app.js': APP, 'lambdashift.config.json': JSON.stringify({ readiness: { 'no-such-rule': 'off', 'fs-write': 'loud' } }) });
    try {
      const r = await runCli(['check', bad], { cwd: bad });
      expect(r.stderr).toContain('readiness.no-such-rule is not a known rule');
      expect(r.stderr).toContain('readiness.fs-write must be one of error, warning, info, off');
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it('--rules lists every rule', async () => {
    const r = await runCli(['check', '--rules'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(READINESS_RULES.map((rule) => rule.id));
  });

  it('--format sarif is a valid, deterministic SARIF 2.1.0 log with paths from the working directory', async () => {
    const parent = path.dirname(dir);
    const a = await runCli(['check', path.basename(dir), '--format', 'sarif'], { cwd: parent });
    const b = await runCli(['check', path.basename(dir), '--format', 'sarif'], { cwd: parent });
    expect(a.stdout).toBe(b.stdout);
    const log = JSON.parse(a.stdout);
    validSarif(log);
    const results = log.runs[0].results;
    expect(results.map((x: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => `${x.ruleId} ${x.level} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`)).toEqual([
      `module-state warning ${path.basename(dir)}/app.js:5`,
      `static-files warning ${path.basename(dir)}/app.js:6`,
      `fs-write error ${path.basename(dir)}/app.js:9`,
    ]);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(READINESS_RULES.map((r) => r.id));
    // The validator does reject a log that breaks the schema.
    expect(() => validSarif({ ...log, runs: [{ ...log.runs[0], results: [{ ...results[0], level: 'blocker' }] }] })).toThrow();
  });
});

describe('readiness in migrate', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeProject({ 'package.json': '{ "name": "svc", "dependencies": { "express": "^4.21.0" } }', 'app.js': APP });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the findings in the stderr summary, JSON, Markdown and SARIF', async () => {
    const diff = await runCli(['migrate', dir, '--color', 'never'], { cwd: dir });
    expect(diff.code).toBe(0);
    expect(diff.stderr).toContain("app.js:9:3: error: `fs.writeFileSync` writes to `'hits.txt'`, outside /tmp [readiness/fs-write] (affects getHits)");
    expect(diff.stderr).toMatch(/readiness: 1 blocker, 2 warnings \(functions: 1 blocked, 1 with warnings, 0 clean\)/);

    const json = JSON.parse((await runCli(['migrate', dir, '--format', 'json'], { cwd: dir })).stdout);
    expect(json.readiness).toHaveLength(3);
    expect(json.readiness[2]).toEqual({
      rule: 'fs-write',
      severity: 'error',
      file: 'app.js',
      line: 9,
      column: 3,
      message: "`fs.writeFileSync` writes to `'hits.txt'`, outside /tmp",
      functions: ['getHits'],
      why: expect.stringContaining('read-only'),
      instead: expect.stringContaining('S3'),
    });

    const md = (await runCli(["migrate", dir, "--format", "markdown"], { cwd: dir })).stdout;
    expect(md).toContain('### Lambda readiness (3)');
    expect(md).toContain('### Function readiness (1 blocked, 1 with warnings, 0 clean)');
    expect(md).toContain('| `getHits` | blockers | 1 | 2 |');
    // Blockers first, then warnings.
    expect(md.indexOf('(`fs-write`)')).toBeLessThan(md.indexOf('(`module-state`)'));

    const sarif = await runCli(['migrate', dir, '--format', 'sarif', '--fail-on', 'error'], { cwd: dir });
    expect(sarif.code).toBe(1);
    validSarif(JSON.parse(sarif.stdout));
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(3);
  });
});
