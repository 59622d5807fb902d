/**
 * A small fixture runner for the transforms (the shared `defineTest` lives in src/testing/;
 * this one has no dependency on it). Fixtures live in
 * `transforms/__testfixtures__/<transform>/<case>.input.<ext>` with the expected
 * `<case>.output.<ext>`, optional `<case>.options.json` (the transform's options) and
 * optional `<case>.reports.json` (the exact `api.report` messages expected; without it the
 * transform must report nothing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Options, Transform } from 'jscodeshift';

export const FIXTURES = path.join(__dirname, '..', '__testfixtures__');

/** jscodeshift parser for a file name, as the migration pipeline picks it. */
export function parserFor(file: string): 'tsx' | 'ts' | 'babel' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'babel';
}

export interface RunResult {
  /** The transform's output, or the input when it returned undefined/null. */
  output: string;
  reports: string[];
}

export function runTransform(transform: Transform, file: string, source: string, options: Options = {}): RunResult {
  const j = jscodeshift.withParser(parserFor(file));
  const reports: string[] = [];
  const api: API = { j, jscodeshift: j, stats: () => undefined, report: (msg: string) => { reports.push(msg); } };
  const info: FileInfo = { path: file, source };
  const out = transform(info, api, options);
  if (out !== null && out !== undefined && typeof out !== 'string') throw new Error('transform returned a non-string');
  return { output: typeof out === 'string' ? out : source, reports };
}

export interface FixtureCase {
  name: string;
  inputFile: string;
  outputFile: string;
  options: Options;
  reports: string[];
}

export function fixtureCases(transformName: string): FixtureCase[] {
  const dir = path.join(FIXTURES, transformName);
  const cases: FixtureCase[] = [];
  for (const entry of fs.readdirSync(dir).sort()) {
    const m = /^(.*)\.input\.(\w+)$/.exec(entry);
    if (!m) continue;
    const [, name, ext] = m;
    const read = (suffix: string): unknown => {
      const f = path.join(dir, `${name}.${suffix}`);
      return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : undefined;
    };
    cases.push({
      name,
      inputFile: path.join(dir, entry),
      outputFile: path.join(dir, `${name}.output.${ext}`),
      options: (read('options.json') as Options | undefined) ?? {},
      reports: (read('reports.json') as string[] | undefined) ?? [],
    });
  }
  return cases;
}
