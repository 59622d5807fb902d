import * as fs from 'node:fs';
import * as path from 'node:path';

/** Extensions a fixture may have, in the order they are looked for. */
export const FIXTURE_EXTENSIONS: readonly string[] = ['js', 'jsx', 'ts', 'tsx', 'mjs', 'cjs', 'mts', 'cts'];

/** An input fixture and the output it must turn into. */
export interface FixturePair {
  inputPath: string;
  outputPath: string;
  input: string;
  output: string;
}

/**
 * Reads `<fixtureDir>/<prefix>.input.<ext>` and `<prefix>.output.<ext>`, finding the one
 * extension for which the input exists. Throws when there is none, when the input exists with
 * several extensions (ambiguous), or when the output is missing.
 *
 * @example
 * import * as path from 'node:path';
 * import { readFixturePair } from 'lambdashift';
 * const pair = readFixturePair(path.join(__dirname, '../__testfixtures__'), 'var-to-let/basic');
 * // → { inputPath: '…/var-to-let/basic.input.js', outputPath: '…/var-to-let/basic.output.js', input: 'var a = 1;\n', output: 'let a = 1;\n' }
 */
export function readFixturePair(fixtureDir: string, prefix: string): FixturePair {
  const inputs = FIXTURE_EXTENSIONS.map((ext) => ({ ext, file: path.join(fixtureDir, `${prefix}.input.${ext}`) })).filter((c) =>
    fs.existsSync(c.file),
  );
  if (inputs.length === 0) {
    throw new Error(`no fixture ${prefix}.input.{${FIXTURE_EXTENSIONS.join(',')}} in ${fixtureDir}`);
  }
  if (inputs.length > 1) {
    throw new Error(`ambiguous fixture ${prefix}: ${inputs.map((c) => path.basename(c.file)).join(', ')} in ${fixtureDir}`);
  }
  const { ext, file: inputPath } = inputs[0];
  const outputPath = path.join(fixtureDir, `${prefix}.output.${ext}`);
  if (!fs.existsSync(outputPath)) throw new Error(`missing ${path.basename(outputPath)} in ${fixtureDir}`);
  return { inputPath, outputPath, input: fs.readFileSync(inputPath, 'utf8'), output: fs.readFileSync(outputPath, 'utf8') };
}
