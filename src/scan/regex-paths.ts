/**
 * Route paths given as regular expressions, and arrays mixing them with strings:
 *
 *   app.get(/^\/files\/(\d+)$/, handler)          → { path: '/^\/files\/(\d+)$/', regex: { source, flags } }
 *   app.get(['/docs', /^\/guides\/.+$/], handler)  → one route per element
 *
 * The route stays in the model with its regex, so the generated module registers the same
 * regex (the planner gives it the nearest API path that covers it). Flags that make `exec`
 * stateful (`g`, `y`: each match moves `lastIndex`) are refused: the answer would depend on
 * which requests a process served before.
 */
import { Node } from 'ts-morph';
import type { RegexPath } from '../model/service-model';
import { regexLiteralText } from '../plan/api-path';
import { regexNamingPath } from '../plan/naming';
import type { ScanContext } from './scan-context';

/** A route path: a string, or a regex with its literal text as `path`. */
export type RoutePath = string | { path: string; regex: RegexPath };

function bare(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isNonNullExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
  return n;
}

/** Whether `node` is a regex literal, or an array literal with one among its elements. */
export function hasRegexPath(node: Node): boolean {
  const n = bare(node);
  return Node.isRegularExpressionLiteral(n) || (Node.isArrayLiteralExpression(n) && n.getElements().some((e) => Node.isRegularExpressionLiteral(bare(e))));
}

/** A regex literal as a route path, or null after reporting why it cannot be one. */
function regexPath(node: Node, ctx: ScanContext, what: string, code: string): RoutePath | null {
  const text = node.getText();
  const slash = text.lastIndexOf('/');
  const regex = { source: text.slice(1, slash), flags: text.slice(slash + 1) };
  try {
    const path = regexLiteralText(regex);
    if (/[gy]/.test(regex.flags)) {
      ctx.report('warning', node, `${what} uses a regular expression with the \`${regex.flags}\` flags, whose matches depend on the requests served before (\`lastIndex\`); it is not migrated`, code);
      return null;
    }
    return { path, regex };
  } catch (e) {
    ctx.report('warning', node, `${what} uses a regular expression Node.js refuses (${(e as Error).message}); it is not migrated`, code);
    return null;
  }
}

/**
 * The paths of a route whose path argument is a regex or an array with regexes; `strings`
 * reads any other element (null when it cannot, after reporting).
 */
export function regexRoutePaths(node: Node, ctx: ScanContext, what: string, code: string, strings: (n: Node) => string[] | null): RoutePath[] | null {
  const n = bare(node);
  const elements = Node.isArrayLiteralExpression(n) ? n.getElements() : [n];
  const out: RoutePath[] = [];
  for (const e of elements) {
    const paths = Node.isRegularExpressionLiteral(bare(e)) ? [regexPath(bare(e), ctx, what, code)] : strings(e);
    if (!paths || paths.includes(null)) return null;
    out.push(...(paths as RoutePath[]));
  }
  return out;
}

/** `path` and (for a regex) `regex` of a route layer. */
export function routePathFields(p: RoutePath): { path: string; regex?: RegexPath } {
  return typeof p === 'string' ? { path: p } : { path: p.path, regex: p.regex };
}

/** The path a route's names are made from: a regex's literal prefix (`regexNamingPath`). */
export function namingPath(p: RoutePath): string {
  return typeof p === 'string' ? p : regexNamingPath(p.regex);
}
