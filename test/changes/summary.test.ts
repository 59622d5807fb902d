import { ChangeSet } from '../../src/changes/change-set';
import { formatElapsed, formatSummary } from '../../src/changes/printers/summary';
import { runResult } from './helpers/run-result';
import { sampleRun } from './helpers/sample-run';

describe('summary', () => {
  it('lists failures and diagnostics with locations, then one summary line', () => {
    expect(formatSummary(sampleRun(), { color: false })).toBe(
      [
        'src/broken.ts:3:7: Unexpected token',
        'src/app.ts:2:1: info: listen() call guarded',
        'src/app.ts:9:1: error: handler captures local state',
        'src/routes/users.ts:20:3: warning: route path is computed [express/computed-path]',
        'lambdashift migrate: 1 created, 1 modified, 1 deleted, 1 unchanged, 1 failed; 2 functions; 1 error, 1 warning, 1 info; done in 1.53s',
        '',
      ].join('\n'),
    );
  });

  it('leaves out functions and diagnostics when there are none, and locations it does not know', () => {
    const changes = new ChangeSet('/project');
    changes.fail('a.ts', { message: 'transform threw\n    at line two\n' });
    changes.fail('b.ts', { message: 'bad', line: 4 });
    expect(formatSummary(runResult(changes, { elapsedMs: 12 }), { color: false })).toBe(
      [
        'a.ts: transform threw',
        '      at line two',
        'b.ts:4: bad',
        'lambdashift run: 0 created, 0 modified, 0 deleted, 0 unchanged, 2 failed; done in 12ms',
        '',
      ].join('\n'),
    );
  });

  it('colours severities and failures only when asked', () => {
    const colored = formatSummary(sampleRun(), { color: true });
    expect(colored).toContain('\x1b[31merror\x1b[39m: handler captures local state');
    expect(colored).toContain('\x1b[33mwarning\x1b[39m');
    expect(colored).toContain('\x1b[31m1 failed\x1b[39m');
    expect(colored.replace(/\x1b\[\d+m/g, '')).toBe(formatSummary(sampleRun(), { color: false }));
  });

  it('formats elapsed time for people', () => {
    expect([formatElapsed(0.4), formatElapsed(999), formatElapsed(1000), formatElapsed(59_994), formatElapsed(125_000)]).toEqual([
      '0ms',
      '999ms',
      '1.00s',
      '59.99s',
      '2m 05s',
    ]);
  });
});
