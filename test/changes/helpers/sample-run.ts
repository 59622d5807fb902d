import { ChangeSet } from '../../../src/changes/change-set';
import type { Diagnostic } from '../../../src/model/diagnostic';
import type { FunctionEntry } from '../../../src/model/function-entry';
import type { RunResult } from '../../../src/model/run-result';

/**
 * A migrate run with every kind of file, two functions and three diagnostics, each list
 * deliberately out of order. `reverse` inserts everything in the opposite order, to show
 * that printers do not depend on insertion order.
 */
export function sampleRun(reverse = false): RunResult {
  const changes = new ChangeSet('/project');
  const fileOps: Array<() => void> = [
    () => changes.modify('src/app.ts', 'app.listen(3000);\n', 'if (require.main === module) app.listen(3000);\n'),
    () => changes.create('lambda/get-user.ts', 'export const handler = 1;\n'),
    () => changes.delete('src/legacy.ts', 'old\n'),
    () => changes.unchanged('src/util.ts', 'util\n'),
    () => changes.fail('src/broken.ts', { message: 'Unexpected token', line: 3, column: 7 }, 'x(\n'),
  ];
  const functions: FunctionEntry[] = [
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
  ];
  const diagnostics: Diagnostic[] = [
    { severity: 'warning', message: 'route path is computed', file: 'src/routes/users.ts', line: 20, column: 3, code: 'express/computed-path' },
    { severity: 'error', message: 'handler captures local state', file: 'src/app.ts', line: 9, column: 1 },
    { severity: 'info', message: 'listen() call guarded', file: 'src/app.ts', line: 2, column: 1 },
  ];
  if (reverse) {
    fileOps.reverse();
    functions.reverse();
    diagnostics.reverse();
  }
  for (const op of fileOps) op();
  return { command: 'migrate', changes, functions, diagnostics, elapsedMs: 1534.6 };
}
