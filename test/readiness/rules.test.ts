/**
 * Every readiness rule against its fixtures (test/readiness/fixtures/rules/<rule>/): in
 * `positive/` each line marked `// expect-finding` (once per expected finding) gets exactly that
 * many findings of the rule and no other line gets one; `negative/` gets none of the rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkService } from '../../dist/src/readiness/check-service';
import { READINESS_RULES } from '../../dist/src/readiness/rules';
import { copyTree } from '../helpers/tmp-project';

const FIXTURES = path.join(__dirname, 'fixtures', 'rules');

/** `file:line` for each expected finding, from the markers. */
function expectedLines(dir: string): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (file === 'package.json') continue;
    fs.readFileSync(path.join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      for (const _ of line.matchAll(/expect-finding/g)) out.push(`${file}:${i + 1}`);
    });
  }
  return out.sort();
}

async function findingsOf(dir: string, rule: string): Promise<string[]> {
  // Copied out of the repository: module resolution would otherwise wander into its node_modules.
  const root = copyTree(dir, 'lambdashift-readiness-');
  const result = await checkService({ root });
  fs.rmSync(root, { recursive: true, force: true });
  return (result.readiness ?? []).filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`).sort();
}

describe('readiness rules', () => {
  it('has a fixture directory per rule and a rule per fixture directory', () => {
    expect(fs.readdirSync(FIXTURES).sort()).toEqual(READINESS_RULES.map((r) => r.id).sort());
  });

  for (const rule of READINESS_RULES) {
    describe(rule.id, () => {
      it('finds every marked line of its positive fixture, and only those', async () => {
        const dir = path.join(FIXTURES, rule.id, 'positive');
        const expected = expectedLines(dir);
        expect(expected.length).toBeGreaterThan(0);
        expect(await findingsOf(dir, rule.id)).toEqual(expected);
      });
      it('finds nothing in its negative fixture', async () => {
        const dir = path.join(FIXTURES, rule.id, 'negative');
        expect(expectedLines(dir)).toEqual([]);
        expect(await findingsOf(dir, rule.id)).toEqual([]);
      });
    });
  }
});
