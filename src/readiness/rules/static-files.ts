/**
 * static-files: static files served by the app (`express.static`, serve-static, koa-static,
 * koa-send), and swagger-ui-express's assets (`swaggerUi.serve`, `serveFiles(...)`,
 * `serveWithOptions(...)`), which it serves from swagger-ui-dist's folder found by `__dirname`:
 * in a function bundled with esbuild that is the bundle's folder, so the docs' stylesheet and
 * scripts are missing and the bundle itself is served under the mount.
 *
 * Why on Lambda: each file request becomes a paid invocation (with a cold start now and
 * then), binary files travel base64-encoded within the 6 MB payload limit, and the files must
 * be inside every function's deployment package to be found at all.
 *
 * Instead: put the files in S3 and serve them through CloudFront (or the API's S3
 * integration); keep the functions for dynamic routes.
 *
 * Before (flagged):
 *     app.use('/assets', express.static(path.join(__dirname, 'public')));
 *     app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec));
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { dottedName, type ReadinessFile } from '../readiness-file';

const PACKAGES = new Set(['serve-static', 'koa-static', 'koa-send', '@koa/send', 'koa-static-cache']);
/** swagger-ui-express members that serve swagger-ui-dist's files (`setup` only renders the page). */
const SWAGGER_ASSETS = new Set(['serve', 'serveFiles', 'serveWithOptions']);

export const staticFilesRule: ReadinessRule = {
  id: 'static-files',
  title: 'Static files served by the app',
  severity: 'warning',
  why: 'Every file request becomes an invocation, binary files travel base64-encoded within the 6 MB limit, and the files must be packaged with every function.',
  instead: 'Serve static files from S3 through CloudFront and keep the functions for dynamic routes.',
  words: ['static', 'koa-send', '@koa/send', 'swagger-ui-express'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      const dotted = dottedName(call.expression);
      if (dotted === undefined) continue;
      const head = dotted.split('.')[0]!;
      const module = file.moduleOf(head);
      if (module === undefined) continue;
      const isStatic = (module === 'express' && dotted.endsWith('.static')) || (PACKAGES.has(module) && (dotted === head || module === 'koa-send' || module === '@koa/send'));
      if (isStatic) hits.push({ at: call, scope: 'module', message: `\`${dotted}\` serves files from the function's package, one invocation per file` });
    }
    for (const at of swaggerAssetReferences(file)) {
      hits.push({
        at,
        scope: 'module',
        message: `\`${at.getText(file.sf)}\` serves swagger-ui-dist's folder, found from that module's own location: in a bundled function that is the bundle's folder, so the docs' stylesheet and scripts are missing and the bundled function itself is served under the mount (keep swagger-ui-dist out of the bundle, e.g. esbuild \`external\`, or serve the docs elsewhere)`,
      });
    }
    return hits;
  },
};

/** `swaggerUi.serve` / `swaggerUi.serveFiles` (a swagger-ui-express namespace), or a destructured `serve`. */
function swaggerAssetReferences(file: ReadinessFile): ts.Node[] {
  const out: ts.Node[] = [];
  for (const access of file.propertyAccesses) {
    if (!ts.isIdentifier(access.expression) || !SWAGGER_ASSETS.has(access.name.text)) continue;
    const binding = file.imports.get(access.expression.text);
    if (binding?.module === 'swagger-ui-express' && (binding.name === '*' || binding.name === 'default')) out.push(access);
  }
  const named = [...file.imports].filter(([, b]) => b.module === 'swagger-ui-express' && SWAGGER_ASSETS.has(b.name)).map(([local]) => local);
  if (named.length) {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && named.includes(node.text) && isReference(node)) out.push(node);
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
  }
  return out;
}

/** An identifier used as a value (not the name in its own import or binding, nor a property name). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isBindingElement(p) || ts.isVariableDeclaration(p)) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name === id) return ts.isShorthandPropertyAssignment(p);
  return true;
}
