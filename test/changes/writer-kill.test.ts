import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { makeTempDir, readTree, removeTempDirs } from './helpers/tree';
import { recoverInterruptedWrite } from '../../src/changes/write-lock';

// Plain JS shared with the child process (see helpers/kill-child.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { planFiles, fileContent } = require('./helpers/kill-fixture.js') as {
  planFiles(count: number): PlannedFile[];
  fileContent(index: number, version: 'old' | 'new', size: number): string;
};

interface PlannedFile {
  index: number;
  kind: 'create' | 'modify' | 'delete';
  path: string;
}

// Enough files that a kill lands mid-phase (each staged/committed file is paced by 1 ms), small
// enough to stay well inside the timeout on a loaded 2-core machine.
const FILE_COUNT = 600;
const FILE_SIZE = 32 * 1024;
const PROJECT_ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'helpers/kill-child.js');
const LEFTOVER = /\/\.[^/]+\.lambdashift-\d+-[0-9a-f]+\.(tmp|bak)$|^\/\.lambdashift\.lock$/;

afterAll(removeTempDirs);

/**
 * Runs the writer in a child process over `target` and SIGKILLs it as soon as `killWhen`
 * matches a progress line. Fails if the child finishes first or takes too long.
 */
function runAndKill(target: string, paceMs: number, killWhen: (phase: string, done: number) => boolean): Promise<string> {
  const child = spawn(
    process.execPath,
    [CHILD, JSON.stringify({ projectRoot: PROJECT_ROOT, target, count: FILE_COUNT, size: FILE_SIZE, paceMs })],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let killedAt = '';
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const [phase, done] = line.split(' ');
    if (!killedAt && killWhen(phase, Number(done))) {
      killedAt = line;
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the writer child did not reach the kill point within 90 s'));
    }, 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      if (signal === 'SIGKILL' && killedAt) resolve(killedAt);
      else reject(new Error(`the writer child exited (code ${code}, signal ${signal}) before it was killed\n${stderr}`));
    });
  });
}

interface Inspection {
  /** Files with their complete original content, or still absent when they were to be created. */
  old: number;
  /** Files with their complete new content, or gone when they were to be deleted. */
  new: number;
  /** Files with any other content: truncated, half-written or missing. Must stay empty. */
  torn: string[];
  /** Temp files and backups the killed writer left behind. */
  leftovers: string[];
  /** Leftover temp files shorter than the content meant for them: the kill cut their writing short. */
  partialTemps: number;
  /** Files that are neither targets nor leftovers. Must stay empty. */
  unexpected: string[];
}

function inspect(target: string, files: PlannedFile[]): Inspection {
  const result: Inspection = { old: 0, new: 0, torn: [], leftovers: [], partialTemps: 0, unexpected: [] };
  for (const file of files) {
    const abs = path.join(target, file.path);
    const content = fs.existsSync(abs) ? fs.readFileSync(abs, 'latin1') : null;
    const oldContent = file.kind === 'create' ? null : fileContent(file.index, 'old', FILE_SIZE);
    const newContent = file.kind === 'delete' ? null : fileContent(file.index, 'new', FILE_SIZE);
    if (content === oldContent) result.old++;
    else if (content === newContent) result.new++;
    else result.torn.push(`${file.path} (${content === null ? 'missing' : `${content.length} bytes`})`);
  }
  const targets = new Set(files.map((file) => file.path));
  for (const file of readTree(target).keys()) {
    if (LEFTOVER.test('/' + file)) {
      result.leftovers.push(file);
      if (file.endsWith('.tmp') && fs.statSync(path.join(target, file)).size < FILE_SIZE) result.partialTemps++;
    } else if (!targets.has(file)) result.unexpected.push(file);
  }
  return result;
}

describe('a writer killed with SIGKILL', () => {
  it('leaves every file complete, old or new, whenever it is killed', async () => {
    const target = makeTempDir('kill');
    const files = planFiles(FILE_COUNT);
    for (const file of files) {
      if (file.kind === 'create') continue;
      fs.mkdirSync(path.dirname(path.join(target, file.path)), { recursive: true });
      fs.writeFileSync(path.join(target, file.path), fileContent(file.index, 'old', FILE_SIZE));
    }

    // 1. Killed while staging, with temp files being written: no target may have changed.
    const stagingKill = await runAndKill(target, 1, (phase, done) => phase === 'stage' && done >= 200);
    const staged = inspect(target, files);
    expect({ torn: staged.torn, unexpected: staged.unexpected, new: staged.new }).toEqual({ torn: [], unexpected: [], new: 0 });
    expect(staged.old).toBe(FILE_COUNT);
    expect(staged.leftovers.length).toBeGreaterThan(0);
    // The next run finds the lock of a dead writer and removes its temp files.
    const stagingRecovery = await recoverInterruptedWrite(target);
    expect(stagingRecovery).toMatchObject({ state: 'staging', restored: 0 });
    expect(inspect(target, files)).toMatchObject({ old: FILE_COUNT, torn: [], leftovers: [], unexpected: [] });

    // 2. Killed a third of the way through the commit: a mix of old and new, nothing torn.
    const commitKill = await runAndKill(target, 1, (phase, done) => phase === 'commit' && done >= FILE_COUNT / 3);
    const committed = inspect(target, files);
    expect({ torn: committed.torn, unexpected: committed.unexpected }).toEqual({ torn: [], unexpected: [] });
    expect(committed.old + committed.new).toBe(FILE_COUNT);
    expect(committed.new).toBeGreaterThan(0);
    expect(committed.old).toBeGreaterThan(0);
    // Killed among the renames: the next run rolls every file back from the journal.
    const commitRecovery = await recoverInterruptedWrite(target);
    expect(commitRecovery?.state).toBe('committing');
    // Every file already renamed, plus the one whose backup was taken when the kill landed.
    expect(commitRecovery?.restored).toBeGreaterThanOrEqual(committed.new);
    expect(inspect(target, files)).toMatchObject({ old: FILE_COUNT, new: 0, torn: [], leftovers: [], unexpected: [] });

    console.log(
      [
        `SIGKILL during staging (at "${stagingKill}"): ${staged.old} old, ${staged.new} new, 0 torn; ${staged.leftovers.length} temp files left, ${staged.partialTemps} of them cut short`,
        `SIGKILL during commit (at "${commitKill}"): ${committed.old} old, ${committed.new} new, 0 torn; ${committed.leftovers.length} temp/backup files left`,
        `recovery: staging kill removed ${stagingRecovery?.removed} temp files; commit kill rolled back ${commitRecovery?.restored} files, removed ${commitRecovery?.removed}`,
      ].join('\n'),
    );
  }, 240_000);
});
