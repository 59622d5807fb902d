/**
 * Whether code runs inside Lambda at all: a statement in the consequent of the guard the
 * migration writes around start-up work (`if (!process.env.AWS_LAMBDA_FUNCTION_NAME)`, see
 * transforms/guard-listen.ts and guard-startup.ts; also its expression form
 * `process.env.AWS_LAMBDA_FUNCTION_NAME ? undefined : app.listen(port)`) or of a main-module check (`require.main ===
 * module`, `import.meta.url === pathToFileURL(process.argv[1]).href`) never runs in a function:
 * Lambda sets that variable, and loads the code as a dependency of the handler, not as main.
 *
 * Readiness reads the code as it is; `migrate` also passes the files as its rewrite leaves
 * them, so a timer or server it guards is judged as it will run after the migration.
 */
import { ts } from 'ts-morph';
import { relocate } from '../emit/rewrites';
import type { SourceLocation } from '../model/diagnostic';

/** Guard tests, whitespace removed: the Lambda variable unset, or this module is the main one. */
const GUARD_TESTS = [
  /^!process\.env(\.AWS_LAMBDA_FUNCTION_NAME|\[(['"`])AWS_LAMBDA_FUNCTION_NAME\2\])$/,
  /^(require\.main===?module|module===?require\.main)$/,
  /^import\.meta\.url===?/,
  /^import\.meta\.main$/,
];

/** The test of the guard `node` lies under (`!process.env.AWS_LAMBDA_FUNCTION_NAME`), if any. */
export function lambdaGuardAround(node: ts.Node, sf: ts.SourceFile): string | undefined {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    // guard-listen's expression form: `process.env.AWS_LAMBDA_FUNCTION_NAME ? undefined : app.listen(port)`.
    if (ts.isConditionalExpression(p) && p.whenFalse === child) {
      const test = p.condition.getText(sf);
      if (GUARD_TESTS[0]!.test(`!${test.replace(/\s+/g, '')}`)) return `!${test}`;
      continue;
    }
    if (!ts.isIfStatement(p) || p.thenStatement !== child) continue;
    const test = p.expression.getText(sf);
    if (GUARD_TESTS.some((re) => re.test(test.replace(/\s+/g, '')))) return test;
  }
  return undefined;
}

/** The innermost node that starts at `offset` or contains it. */
function nodeAt(sf: ts.SourceFile, offset: number): ts.Node {
  let found: ts.Node = sf;
  const visit = (n: ts.Node): void => {
    if (n.getStart(sf) <= offset && offset < n.end) {
      found = n;
      ts.forEachChild(n, visit);
    }
  };
  ts.forEachChild(sf, visit);
  return found;
}

function offsetOf(sf: ts.SourceFile, line: number, column: number): number {
  return line - 1 < sf.getLineStarts().length ? sf.getPositionOfLineAndCharacter(line - 1, column - 1) : -1;
}

/**
 * Answers "is the code at this location guarded?" for the files as the migration leaves them
 * (`after`: rewritten text by root-relative path; files it leaves alone are read as they are).
 */
export class LambdaGuards {
  private readonly parsed = new Map<string, ts.SourceFile>();

  constructor(
    private readonly original: (rel: string) => ts.SourceFile | undefined,
    private readonly after: (rel: string) => string | undefined = () => undefined,
  ) {}

  /** The guard test around the code at `loc` (a location in the file as it is now). */
  at(loc: SourceLocation): string | undefined {
    const before = this.original(loc.file);
    if (!before) return undefined;
    const offset = offsetOf(before, loc.line, loc.column);
    if (offset < 0) return undefined;
    const text = this.after(loc.file);
    if (text === undefined || text === before.text) return lambdaGuardAround(nodeAt(before, offset), before);
    // The same code in the rewritten file: moved (extraction) and re-indented (guards) only.
    const sf = this.parse(loc.file, text);
    const moved = relocate(before.text, text, loc);
    const at = offsetOf(sf, moved.line, moved.column);
    const sample = before.text.slice(offset, offset + 24).split('\n')[0]!;
    if (at < 0 || text.slice(at, at + sample.length) !== sample) return undefined;
    return lambdaGuardAround(nodeAt(sf, at), sf);
  }

  private parse(rel: string, text: string): ts.SourceFile {
    let sf = this.parsed.get(rel);
    if (!sf) {
      const kind = /\.[cm]?tsx?$/.test(rel) ? (rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : rel.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
      sf = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, true, kind);
      this.parsed.set(rel, sf);
    }
    return sf;
  }
}
