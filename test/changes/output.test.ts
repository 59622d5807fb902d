import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { resolveColor, writeOutput, type OutputOptions } from '../../src/changes/output';
import { formatUnifiedDiff } from '../../src/changes/printers/unified-diff';
import { makeTempDir, removeTempDirs } from './helpers/tree';
import { sampleRun } from './helpers/sample-run';

afterEach(removeTempDirs);

/** A writable stream that records what was written, posing as a terminal or a pipe. */
class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

const ESC = '\x1b[';

async function run(options: Partial<OutputOptions> & { tty?: boolean }): Promise<{ stdout: string; stderr: string }> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  await writeOutput(sampleRun(), { format: 'diff', color: 'auto', env: {}, ...options, stdout, stderr });
  return { stdout: stdout.text, stderr: stderr.text };
}

describe('resolveColor', () => {
  it.each([
    ['always', false, {}, true],
    ['never', true, {}, false],
    ['auto', true, {}, true],
    ['auto', false, {}, false],
    ['auto', true, { NO_COLOR: '1' }, false],
    ['auto', true, { NO_COLOR: '' }, true],
    ['always', true, { NO_COLOR: '1' }, true],
  ] as const)('%s on a TTY=%s with %j → %s', (mode, isTTY, env, expected) => {
    expect(resolveColor(mode, { isTTY }, env)).toBe(expected);
  });
});

describe('writeOutput', () => {
  it('prints a coloured diff on a terminal and the summary on stderr', async () => {
    const { stdout, stderr } = await run({ tty: true });
    expect(stdout).toBe(formatUnifiedDiff(sampleRun().changes, { color: true }));
    expect(stdout).toContain(`${ESC}32m+`);
    expect(stderr).toMatch(/lambdashift migrate: 1 created, 1 modified, 1 deleted, 1 unchanged, .*1 failed.*; done in 1\.53s\n$/);
  });

  it('prints plain text when piped, with NO_COLOR, or with --color=never', async () => {
    for (const options of [{ tty: false }, { tty: true, env: { NO_COLOR: '1' } }, { tty: true, color: 'never' as const }]) {
      const { stdout, stderr } = await run(options);
      expect(stdout).toBe(formatUnifiedDiff(sampleRun().changes, { color: false }));
      expect(stderr).not.toContain(ESC);
    }
  });

  it('colours a piped diff with --color=always', async () => {
    const { stdout } = await run({ tty: false, color: 'always' });
    expect(stdout).toContain(`${ESC}1mdiff --git`);
  });

  it('keeps stdout pure JSON with --format json, the summary going to stderr', async () => {
    const { stdout, stderr } = await run({ format: 'json', tty: true, color: 'always' });
    expect(JSON.parse(stdout)).toMatchObject({ version: 1, command: 'migrate', summary: { failed: 1 } });
    expect(stdout).not.toContain(ESC);
    expect(stderr).toContain('lambdashift migrate: ');
  });

  it('prints the Markdown report with --format markdown', async () => {
    const { stdout } = await run({ format: 'markdown', tty: true });
    expect(stdout.startsWith('## lambdashift migrate\n')).toBe(true);
    expect(stdout).not.toContain(ESC);
  });

  it('cuts the Markdown report to --max-size and writes the whole of it to --full-report', async () => {
    const fullReportFile = path.join(makeTempDir('report'), 'report.md');
    const { stdout } = await run({ format: 'markdown', report: { maxSize: 600, fullReportFile, fullReportName: 'report.md' } });
    expect(stdout.length).toBeLessThanOrEqual(600);
    expect(stdout).toMatch(/> \*\*Report truncated\*\* to 600 characters \(`--max-size`\): \d+ of 9 rows left out\. The full report is in `report\.md`\.\n$/);
    const full = fs.readFileSync(fullReportFile, 'utf8');
    expect(full).not.toContain('truncated');
    expect(full).toContain('- `src/legacy.ts`: deleted\n');
  });

  it('adds the elapsed time to the JSON report only with timing', async () => {
    expect(JSON.parse((await run({ format: 'json' })).stdout).summary).not.toHaveProperty('elapsedMs');
    expect(JSON.parse((await run({ format: 'json', report: { timing: true } })).stdout).summary.elapsedMs).toBe(1535);
  });

  it('writes the plain patch to --patch even when the terminal output is coloured', async () => {
    const patchFile = path.join(makeTempDir('patch'), 'out.patch');
    const { stdout } = await run({ tty: true, color: 'always', patchFile, format: 'json' });
    expect(JSON.parse(stdout).version).toBe(1);
    expect(fs.readFileSync(patchFile, 'utf8')).toBe(formatUnifiedDiff(sampleRun().changes, { color: false }));
  });

  it('rejects when the patch file cannot be written', async () => {
    const patchFile = path.join(makeTempDir('patch'), 'missing-dir', 'out.patch');
    await expect(run({ patchFile })).rejects.toThrow(/ENOENT/);
  });

  it('treats a closed pipe on stdout as the end of output, not a failure', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stderr = new Capture(false);
    await writeOutput(sampleRun(), { format: 'diff', color: 'never', stdout, stderr, env: {} });
    expect(stderr.text).toContain('lambdashift migrate:');
  });

  it('rejects on any other stream error', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' }));
      },
    });
    await expect(writeOutput(sampleRun(), { format: 'json', color: 'never', stdout, stderr: new Capture(false), env: {} })).rejects.toThrow(
      'ENOSPC',
    );
  });
});
