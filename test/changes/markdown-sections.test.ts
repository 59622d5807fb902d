import { ChangeSet } from '../../src/changes/change-set';
import { formatMarkdownReport } from '../../src/changes/printers/markdown-report';
import { fitMarkdownReport, GITHUB_COMMENT_LIMIT, markdownTable, renderSection, type MarkdownSection } from '../../src/changes/printers/markdown-sections';
import type { FunctionEntry } from '../../src/model/function-entry';
import { runResult } from './helpers/run-result';

function table(n: number, title = 'Functions'): MarkdownSection {
  const rows = Array.from({ length: n }, (_, i) => [`\`fn${i}\``, `\`GET /items/${i}\``]);
  return { title: `${title} (${n})`, ...markdownTable([{ title: 'Function' }, { title: 'Trigger' }], rows), summary: `${n} functions` };
}

/** `<details>` and `</details>` come in pairs, and a table's rows follow its header. */
function expectWellFormed(text: string): void {
  expect(text.match(/<details>/g)?.length ?? 0).toBe(text.match(/<\/details>/g)?.length ?? 0);
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.startsWith('| `fn')) expect(lines[i - 1].startsWith('|')).toBe(true);
  });
}

describe('Markdown sections', () => {
  it('folds a section past 20 items into details, with blank lines around its Markdown', () => {
    expect(renderSection(table(20))).not.toContain('<details>');
    const folded = renderSection(table(21));
    expect(folded).toMatch(/^### Functions \(21\)\n\n<details><summary>21 functions<\/summary>\n\n\| Function \| Trigger \|\n\| --- \| --- \|\n/);
    expect(folded.endsWith('| `fn20` | `GET /items/20` |\n\n</details>\n\n')).toBe(true);
  });

  it('leaves everything in when it fits, and fits maxSize otherwise: small sections whole, large ones sharing the rest', () => {
    const sections = [{ title: 'Diagnostics (2)', items: ['- **error** a', '- **warning** b'] }, table(3000), table(3000, 'Routes')];
    const full = fitMarkdownReport(['## report', ''], sections);
    expect(full).not.toContain('truncated');
    expect(full.length).toBeGreaterThan(150_000);

    for (const maxSize of [GITHUB_COMMENT_LIMIT, 10_000, 2_000]) {
      const text = fitMarkdownReport(['## report', ''], sections, { maxSize, fullReportHint: 'The full report is in `report.md`.' });
      expect(text.length).toBeLessThanOrEqual(maxSize);
      expect(text.length).toBeGreaterThan(maxSize - 200);
      expectWellFormed(text);
      expect(text).toContain('- **error** a\n- **warning** b\n');
      const shownRows = text.split('\n').filter((line) => line.startsWith('| `fn')).length;
      const note = text.match(/> \*\*Report truncated\*\* to ([\d,]+) characters \(`--max-size`\): (\d+) of 6002 rows left out\. The full report is in `report\.md`\.\n$/);
      expect(note).not.toBeNull();
      expect(note![1]).toBe(maxSize.toLocaleString('en-US'));
      expect(Number(note![2])).toBe(6000 - shownRows);
      // Both large sections are cut, each by about as much, and each says what it hides.
      const cuts = [...text.matchAll(/_(\d+) more rows of 3000 left out to fit the size limit\._/g)].map((m) => Number(m[1]));
      expect(cuts).toHaveLength(2);
      expect(Math.abs(cuts[0] - cuts[1])).toBeLessThanOrEqual(5);
    }
  });

  it('cuts a report whose limit is below its header hard rather than exceed it', () => {
    expect(fitMarkdownReport(['## report', ''], [table(50)], { maxSize: 40 }).length).toBeLessThanOrEqual(40);
  });
});

describe('Markdown report size', () => {
  it('fits a 1,000-function run in one comment, with the summary first and a note', () => {
    const changes = new ChangeSet('/project');
    const functions: FunctionEntry[] = [];
    for (let i = 0; i < 1000; i++) {
      const name = `getApiResource${i}ItemsById`;
      changes.create(`lambda/http/${name}.ts`, 'export const handler = 1;\n');
      functions.push({ name, kind: 'http', method: 'GET', path: `/api/resource${i}/items/:id`, apiPath: `/api/resource${i}/items/{id}`, module: `lambda/http/${name}.ts`, export: 'handler', source: `src/routes/resource${i}.ts:5:1` });
    }
    const result = runResult(changes, { command: 'migrate', functions });
    const text = formatMarkdownReport(result);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.startsWith('## lambdashift migrate\n\n| Created |')).toBe(true);
    expect(text).toContain('| 1000 | 0 | 0 | 0 | 0 | 1000 | 0 | 0 | 0 |');
    expect(text).toContain('<details><summary>1000 functions</summary>');
    expect(text).toMatch(/> \*\*Report truncated\*\* to 65,536 characters/);
    expectWellFormed(text);

    const unlimited = formatMarkdownReport(result, { maxSize: Infinity });
    expect(unlimited.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    expect(unlimited).not.toContain('truncated');
  });
});
