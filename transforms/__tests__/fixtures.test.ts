/**
 * Runs every fixture of every transform: the output must match `<case>.output.<ext>` exactly,
 * the reports must match `<case>.reports.json`, and a second run over the output must change
 * nothing (idempotence).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Transform } from 'jscodeshift';
import extractInlineHandlers from '../extract-inline-handlers';
import exportNamedHandlers from '../export-named-handlers';
import guardListen from '../guard-listen';
import guardSchedules from '../guard-schedules';
import guardStartup from '../guard-startup';
import removeSchedules from '../remove-schedules';
import { FIXTURES, fixtureCases, runTransform } from './fixture-harness';

const TRANSFORMS: Record<string, Transform> = {
  'extract-inline-handlers': extractInlineHandlers as Transform,
  'export-named-handlers': exportNamedHandlers as Transform,
  'guard-listen': guardListen as Transform,
  'guard-schedules': guardSchedules as Transform,
  'guard-startup': guardStartup as Transform,
  'remove-schedules': removeSchedules as Transform,
};

it('has a fixture directory for every transform and no stray ones', () => {
  expect(fs.readdirSync(FIXTURES).sort()).toEqual(Object.keys(TRANSFORMS).sort());
});

for (const [name, transform] of Object.entries(TRANSFORMS)) {
  describe(name, () => {
    const cases = fixtureCases(name);
    it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));
    for (const c of cases) {
      describe(c.name, () => {
        const input = fs.readFileSync(c.inputFile, 'utf8');
        it('has an output fixture', () => expect(fs.existsSync(c.outputFile)).toBe(true));
        if (!fs.existsSync(c.outputFile)) return;
        const expected = fs.readFileSync(c.outputFile, 'utf8');

        it('transforms the input into the expected output', () => {
          const first = runTransform(transform, c.inputFile, input, c.options);
          expect(first.output).toBe(expected);
          expect(first.reports).toEqual(c.reports);
        });

        it('changes nothing when run again on its output (idempotent)', () => {
          const second = runTransform(transform, c.outputFile, expected, c.options);
          expect(second.output).toBe(expected);
        });
      });
    }
  });
}

it('keeps fixture file names consistent', () => {
  for (const name of Object.keys(TRANSFORMS)) {
    for (const f of fs.readdirSync(path.join(FIXTURES, name))) {
      expect(f).toMatch(/^[\w-]+\.(input|output)\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$|^[\w-]+\.(options|reports)\.json$/);
    }
  }
});
