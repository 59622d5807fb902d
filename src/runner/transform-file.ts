import type { API, FileInfo, Options } from 'jscodeshift';
import type { LoadedTransform } from './load-transform';
import { JscodeshiftCache, type ParserName, type ParserSpec } from './parsers';

/** How a run calls the transform, beyond the transform itself. */
export interface TransformCallOptions {
  /** `--parser`: wins over the transform's `parser` export and the file's default. */
  parserOverride?: ParserName;
  /** Passed to the transform as its third argument (plus `parser`, as jscodeshift does). */
  transformOptions?: Readonly<Record<string, unknown>>;
}

/** Where a transform's `api.stats` and `api.report` calls go. */
export interface TransformSink {
  stats(name: string, quantity: number): void;
  report(message: string): void;
}

/** A file handed to the transform. */
export interface TransformInput {
  path: string;
  source: string;
  /** The file's default parser (from its extension). */
  parser: ParserName;
}

/**
 * Calls a jscodeshift transform on one file exactly as jscodeshift's Worker does: the
 * `(file, api, options)` signature, sync or async, and a result of undefined, null, '' or the
 * unchanged source meaning "no change". Built once per run so the `withParser` instances and
 * options objects are reused across files.
 */
export class FileTransformer {
  private readonly jscodeshift = new JscodeshiftCache();
  private readonly optionsByParser = new Map<ParserSpec, Options>();

  constructor(
    private readonly loaded: LoadedTransform,
    private readonly call: TransformCallOptions = {},
  ) {}

  /** The parser used for a file whose default is `fileParser`. */
  parserFor(fileParser: ParserName): ParserSpec {
    return this.call.parserOverride ?? this.loaded.parser ?? fileParser;
  }

  /**
   * Runs the transform. Resolves to the new source, or null when the file is unchanged;
   * rejects with whatever the parser or the transform threw.
   */
  async apply(input: TransformInput, sink: TransformSink): Promise<string | null> {
    const parser = this.parserFor(input.parser);
    const j = this.jscodeshift.get(parser);
    const file: FileInfo = { path: input.path, source: input.source };
    const api: API = {
      j,
      jscodeshift: j,
      stats: (name: string, quantity?: number) => sink.stats(name, typeof quantity === 'number' ? quantity : 1),
      report: (message: string) => sink.report(message),
    };
    const out: unknown = await this.loaded.transform(file, api, this.optionsFor(parser));
    if (out === undefined || out === null || out === '' || out === input.source) return null;
    if (typeof out !== 'string') {
      throw new TypeError(`the transform returned ${typeof out}; expected a string, null or undefined`);
    }
    return out;
  }

  private optionsFor(parser: ParserSpec): Options {
    let options = this.optionsByParser.get(parser);
    if (!options) {
      options = { ...this.call.transformOptions, ...(typeof parser === 'string' ? { parser } : {}) };
      this.optionsByParser.set(parser, options);
    }
    return options;
  }
}
