/**
 * A file of the service cannot be used at all (an empty or truncated package.json, say): the
 * run stops with one line naming the file, exit code 1.
 *
 * @example
 * throw new InputError('package.json', 'is not valid JSON (Unexpected end of JSON input)');
 * // lambdashift: package.json: is not valid JSON (Unexpected end of JSON input)
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    /** Path of the file, relative to the service root. */
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Parses a JSON file's text, or throws an {@link InputError} naming the file. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = text.trim() === '' ? 'is empty' : `is not valid JSON (${(error as Error).message})`;
    throw new InputError(file, `${detail}; fix it and run again`);
  }
}
