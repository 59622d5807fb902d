import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileSystemHost } from 'ts-morph';
import { isInside } from '../changes/root-guard';
import { ts } from 'ts-morph';
import { binaryProblem, decodeSource, excessiveNesting, MAX_SYNTAX_DEPTH, parserOverflow, tooLargeProblem, type SourceProblem } from './source-health';

/** What a file that is not scanned is replaced with, so nothing reads it from disk again. */
export const NOT_SCANNED = '// not scanned by lambdashift\n';

/**
 * The file system the scan's ts-morph project reads through. Every source file it loads (the
 * discovered candidates and the controllers, middleware and routers they import, loaded on
 * demand) passes the checks that keep one bad file from stopping the run:
 *
 * - binary content (a NUL byte), brackets nested deeper than the parser can take and files
 *   over the per-file size budget are recorded as problems and served as an empty module, so
 *   the parser never sees them;
 * - a file under the root that is a symbolic link to somewhere outside it is reported rather
 *   than silently followed or dropped.
 *
 * Texts already read by the scan are served from memory (each file is read and parsed once).
 */
export class GuardedSources {
  /** Files not scanned, by absolute path, with why. */
  readonly problems = new Map<string, SourceProblem>();
  private readonly texts = new Map<string, string>();
  private readonly realRoot: string;

  constructor(
    private readonly root: string,
    private readonly base: FileSystemHost,
    /** The per-file budget in bytes (source-health maxFileBytes): larger files are not parsed. */
    private readonly maxBytes: number = Infinity,
  ) {
    this.realRoot = fs.realpathSync(root);
  }

  /** A text the scan already read (and checked); served instead of reading the file again. */
  remember(file: string, text: string): void {
    this.texts.set(file, text);
  }

  /** Marks a file as not scanned, e.g. when parsing it overflowed the stack. */
  reject(file: string, problem: SourceProblem): void {
    this.problems.set(file, problem);
    this.texts.set(file, NOT_SCANNED);
  }

  /** The ts-morph file system: the real one, with reads going through {@link read}. */
  host(): FileSystemHost {
    const base = this.base;
    const read = (file: string, encoding?: string): string => this.read(file, encoding);
    return new Proxy(base, {
      get(target, key, receiver) {
        if (key === 'readFileSync') return read;
        if (key === 'readFile') return (file: string, encoding?: string) => Promise.resolve().then(() => read(file, encoding));
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  private read(file: string, encoding?: string): string {
    const known = this.texts.get(file);
    if (known !== undefined) return known;
    if (!isInside(this.root, file) || file.split(/[\\/]/).includes('node_modules')) return this.base.readFileSync(file, encoding);
    const checked = this.check(file);
    if (typeof checked === 'string') return checked;
    if (checked !== null) {
      this.reject(file, checked);
      return NOT_SCANNED;
    }
    return this.base.readFileSync(file, encoding);
  }

  /** Checks a file loaded on demand (an import the scan follows): its text, or why not. */
  private check(file: string): string | SourceProblem | null {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      return null; // Missing: the base host reports it as it always did.
    }
    if (!isInside(this.realRoot, real)) {
      return { line: 1, column: 1, code: 'scan/outside-root', message: `is a symbolic link to ${real}, outside the service: it is not scanned, and routes or jobs it registers are not migrated` };
    }
    const bytes = fs.readFileSync(file);
    if (bytes.length > this.maxBytes) return tooLargeProblem(bytes.length, this.maxBytes);
    const decoded = decodeSource(bytes);
    if (decoded.binary) return binaryProblem(decoded.binary);
    if (bracketDepth(decoded.text) > MAX_SYNTAX_DEPTH) return parserOverflow(decoded.text);
    // A long operator chain (`a + b + ...`, 200,000 terms) nests as deep as its length without a
    // bracket. Only a file with that many operators in one statement is parsed here to measure.
    if (longestOperatorRun(decoded.text) > MAX_SYNTAX_DEPTH) {
      const deep = excessiveNesting(ts.createSourceFile(file, decoded.text, ts.ScriptTarget.Latest, false));
      if (deep) return deep;
    }
    return decoded.text;
  }
}

/** Deepest nesting of (), [] and {} in a text, ignoring nothing: cheap and conservative. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
    }
  }
  return max;
}

/** Most operator characters (`+ - * / % & | ^ ? < > =`) between two statement boundaries (`;`, `{`, `}`): cheap and conservative. */
export function longestOperatorRun(text: string): number {
  let run = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 59 || c === 123 || c === 125) run = 0;
    else if (c === 43 || c === 45 || c === 42 || c === 47 || c === 37 || c === 38 || c === 124 || c === 94 || c === 63 || c === 60 || c === 62 || c === 61) {
      if (++run > max) max = run;
    }
  }
  return max;
}

/** Path of `file` relative to `root`, POSIX separators (for diagnostics). */
export function relativePosix(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
