import { buildJsonReport, formatJsonReport } from '../../src/changes/printers/json-report';
import { ChangeSet } from '../../src/changes/change-set';
import { runResult } from './helpers/run-result';
import { sampleRun } from './helpers/sample-run';

describe('JSON report', () => {
  it('has the documented shape, sorted, with every field', () => {
    expect(buildJsonReport(sampleRun())).toEqual({
      version: 1,
      command: 'migrate',
      files: [
        { path: 'lambda/get-user.ts', status: 'created' },
        { path: 'src/app.ts', status: 'modified' },
        { path: 'src/broken.ts', status: 'failed', error: { message: 'Unexpected token', line: 3, column: 7 } },
        { path: 'src/legacy.ts', status: 'deleted' },
        { path: 'src/util.ts', status: 'unchanged' },
      ],
      functions: [
        {
          name: 'getUser',
          kind: 'http',
          method: 'GET',
          path: '/api/users/:id',
          apiPath: '/api/users/{id}',
          module: 'lambda/get-user.ts',
          export: 'handler',
          source: 'src/routes/users.ts:12:8',
        },
        {
          name: 'nightlyReport',
          kind: 'schedule',
          schedule: '0 3 * * *',
          expressions: ['cron(0 3 * * ? *)'],
          timezone: 'Europe/Paris',
          module: 'lambda/nightly-report.ts',
          export: 'handler',
          source: 'src/jobs.ts:4:1',
        },
      ],
      diagnostics: [
        { severity: 'info', message: 'listen() call guarded', file: 'src/app.ts', line: 2, column: 1 },
        { severity: 'error', message: 'handler captures local state', file: 'src/app.ts', line: 9, column: 1 },
        { severity: 'warning', message: 'route path is computed', file: 'src/routes/users.ts', line: 20, column: 3, code: 'express/computed-path' },
      ],
      summary: { created: 1, modified: 1, deleted: 1, unchanged: 1, failed: 1, functions: 2, errors: 1, warnings: 1, info: 1 },
    });
  });

  it('is byte-identical whatever order the results arrived in', () => {
    const text = formatJsonReport(sampleRun());
    expect(formatJsonReport(sampleRun(true))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    // Key order is part of the contract for people reading or diffing reports.
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['version', 'command', 'files', 'functions', 'diagnostics', 'summary']);
    expect(Object.keys(parsed.functions[0])).toEqual(['name', 'kind', 'method', 'path', 'apiPath', 'module', 'export', 'source']);
    expect(Object.keys(parsed.summary)).toEqual(['created', 'modified', 'deleted', 'unchanged', 'failed', 'functions', 'errors', 'warnings', 'info']);
  });

  it('holds no time unless asked: runs that took different times give the same bytes', () => {
    const slow = { ...sampleRun(), elapsedMs: 98_765 };
    expect(formatJsonReport(slow)).toBe(formatJsonReport(sampleRun()));
    expect(formatJsonReport(slow)).not.toContain('elapsed');
    const timed = buildJsonReport(slow, { timing: true });
    expect(Object.keys(timed.summary).slice(-2)).toEqual(['info', 'elapsedMs']);
    expect(timed.summary.elapsedMs).toBe(98_765);
  });

  it('reports unknown error positions as null and leaves out undocumented fields', () => {
    const changes = new ChangeSet('/project');
    changes.fail('a.ts', { message: 'transform threw' });
    const fn = {
      name: 'f',
      kind: 'http' as const,
      method: 'ALL',
      path: '/',
      apiPath: '/',
      module: 'f.ts',
      export: 'handler',
      source: 'a.ts:1:1',
      internalNote: 'not part of the report',
    };
    const report = buildJsonReport(runResult(changes, { functions: [fn] }));
    expect(report.files).toEqual([{ path: 'a.ts', status: 'failed', error: { message: 'transform threw', line: null, column: null } }]);
    expect(report.functions[0]).not.toHaveProperty('internalNote');
    expect(report.command).toBe('run');
  });
});
