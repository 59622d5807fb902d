import { describeTable } from '../../src/serve/server';
import { formatVerifyReport } from '../../src/verify/report';
import type { VerifyReport } from '../../src/verify/verify';

const report = (extra: Partial<VerifyReport>): VerifyReport => ({
  entry: 'src/app.ts',
  results: [],
  mismatches: 0,
  missing: [],
  ignoredHeaders: [],
  loadFailures: [],
  appOutput: '',
  handlerOutput: '',
  ...extra,
});

describe('verify and serve reports', () => {
  it('keeps a pretty-printed JSON body on one row of the mismatch table', () => {
    const text = formatVerifyReport(
      report({
        mismatches: 1,
        results: [
          {
            request: { method: 'GET', path: '/users/1' },
            differences: [{ what: 'body', original: '{\n  "id": 1,\n  "name": "Ada"\n}', migrated: '{\n  "id": 1\n}' }],
          } as unknown as VerifyReport['results'][number],
        ],
      }),
    );
    const row = text.split('\n').find((line) => line.startsWith('1 '))!;
    expect(row).toMatch(/^1\s+GET \/users\/1\s+body\s+\{ "id": 1, "name": "Ada" \}\s+\{ "id": 1 \}$/);
    expect(text).not.toContain('"name": "Ada"\n');
  });

  it('says once which modules are missing and how to make them', () => {
    const missing = ['lambda/http/getA.ts', 'lambda/http/getB.ts', 'lambda/jobs/c.ts'];
    const text = formatVerifyReport(report({ missing }));
    expect(text.match(/lambdashift migrate --write/g)).toHaveLength(1);
    expect(text).toContain('not generated yet: lambda/http/getA.ts, lambda/http/getB.ts, lambda/jobs/c.ts (run `lambdashift migrate --write`)\n');
    const lines = describeTable({ root: '/s', http: [], schedules: [], missing }, 'http://127.0.0.1:3000');
    expect(lines).toEqual(['  (missing: lambda/http/getA.ts, lambda/http/getB.ts, lambda/jobs/c.ts; run `lambdashift migrate --write`)']);
  });
});
