import { ChangeSet } from '../../src/changes/change-set';
import { codeSpan, escapeMarkdownText } from '../../src/changes/printers/markdown-escape';
import { formatMarkdownReport } from '../../src/changes/printers/markdown-report';
import { runResult } from './helpers/run-result';
import { sampleRun } from './helpers/sample-run';

/** Splits a GFM table row into cells the way GitHub does: on pipes not escaped by a backslash. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('Markdown report', () => {
  it('has a heading, a summary table, diagnostics (errors first), functions and files', () => {
    const text = formatMarkdownReport(sampleRun());
    expect(text).toBe(
      [
        '## lambdashift migrate',
        '',
        '| Created | Modified | Deleted | Unchanged | Failed | Functions | Errors | Warnings | Info |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| 1 | 1 | 1 | 1 | 1 | 2 | 1 | 1 | 1 |',
        '',
        '### Diagnostics (3)',
        '',
        '- **error** `src/app.ts:9:1`: handler captures local state',
        '- **warning** `src/routes/users.ts:20:3`: route path is computed (`express/computed-path`)',
        '- **info** `src/app.ts:2:1`: listen() call guarded',
        '',
        '### Functions (2)',
        '',
        '| Function | Kind | Trigger | Module |',
        '| --- | --- | --- | --- |',
        '| `getUser` | http | `GET /api/users/:id` | `lambda/get-user.ts#handler` |',
        '| `nightlyReport` | schedule | `0 3 * * *` → `cron(0 3 * * ? *)` (Europe/Paris) | `lambda/nightly-report.ts#handler` |',
        '',
        '### Files',
        '',
        '- `lambda/get-user.ts`: created',
        '- `src/app.ts`: modified',
        '- `src/broken.ts:3:7`: **failed**: Unexpected token',
        '- `src/legacy.ts`: deleted',
        '',
      ].join('\n'),
    );
    expect(formatMarkdownReport(sampleRun(true))).toBe(text);
    // No time: a bot that updates its comment changes it only when the migration changes.
    expect(formatMarkdownReport({ ...sampleRun(), elapsedMs: 99_999 })).toBe(text);
  });

  it('shows code quoted in messages as code, not as escaped backticks', () => {
    const result = runResult(new ChangeSet('/project'), {
      diagnostics: [{ severity: 'info', message: 'node-cron job `*/15 * * * *` has no timezone; a `lone backtick', file: 'src/jobs.ts', line: 3, column: 1 }],
    });
    expect(formatMarkdownReport(result)).toContain('- **info** `src/jobs.ts:3:1`: node-cron job `*/15 * * * *` has no timezone; a \\`lone backtick\n');
  });

  it('escapes pipes, backticks and markup coming from user code', () => {
    const changes = new ChangeSet('/project');
    changes.fail('src/we`ird|name.ts', { message: 'expected `|` or *item* <script>alert(1)</script>\nsecond line', line: 1, column: 2 });
    const result = runResult(changes, {
      functions: [
        {
          name: 'a|b',
          kind: 'http',
          method: 'GET',
          path: '/x/:y|z/`q`',
          apiPath: '/x/{y}',
          module: 'm.ts',
          export: 'handler',
          source: 'm.ts:1:1',
        },
      ],
      diagnostics: [{ severity: 'warning', message: 'use @koa/router & [docs](http://x)', file: 'a.ts', line: 1, column: 1 }],
    });
    const text = formatMarkdownReport(result);
    const row = text.split('\n').find((line) => line.includes('a\\|b'))!;
    expect(cells(row)).toEqual(['`a\\|b`', 'http', '`` GET /x/:y\\|z/`q` ``', '`m.ts#handler`']);
    expect(text).toContain(
      '- ``src/we`ird|name.ts:1:2``: **failed**: expected `|` or \\*item\\* \\<script\\>alert(1)\\</script\\> second line\n',
    );
    expect(text).toContain('- **warning** `a.ts:1:1`: use \\@koa/router \\& \\[docs\\](http://x)\n');
  });

  it('folds a long file list into a details block and says when nothing changed', () => {
    const many = new ChangeSet('/project');
    for (let i = 0; i < 25; i++) many.create(`f${String(i).padStart(2, '0')}.ts`, 'x\n');
    const text = formatMarkdownReport(runResult(many));
    expect(text).toContain('### Files\n\n<details><summary>25 files</summary>\n\n- `f00.ts`: created\n');
    expect(text).toContain('- `f24.ts`: created\n\n</details>\n');
    expect(text).not.toContain('### Functions');
    expect(text).not.toContain('### Diagnostics');

    const none = new ChangeSet('/project');
    none.unchanged('a.ts', 'a\n');
    expect(formatMarkdownReport(runResult(none))).toContain('### Files\n\nNo changes (1 unchanged).\n');
  });
});

describe('Markdown escaping', () => {
  it('makes code spans that show their text verbatim', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('a``b`')).toBe('``` a``b` ```');
    expect(codeSpan('`start')).toBe('`` `start ``');
    expect(codeSpan(' padded ')).toBe('`  padded  `');
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('a|b', { inTable: true })).toBe('`a\\|b`');
    expect(codeSpan('two\nlines')).toBe('`two lines`');
  });

  it('escapes text so that it renders literally on one line', () => {
    expect(escapeMarkdownText('a_b*c~d [e](f) <g> & @h \\ `i` |j|\r\nk')).toBe(
      'a\\_b\\*c\\~d \\[e\\](f) \\<g\\> \\& \\@h \\\\ \\`i\\` \\|j\\| k',
    );
  });
});
