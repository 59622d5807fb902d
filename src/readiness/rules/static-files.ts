/**
 * static-files: static files served by the app (`express.static`, serve-static, koa-static,
 * koa-send), and swagger-ui-express's assets (`swaggerUi.serve`, `serveFiles(...)`,
 * `serveWithOptions(...)`, swagger-ui-dist's `absolutePath()`), served from swagger-ui-dist's
 * folder found by its `__dirname`: those are `info`, since the IaC packages that folder and
 * restores the location when bundling (`scan/package-assets.ts`), or warns where it cannot.
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
import type { ReadinessRule, RuleHit } from '../rule';
import { DIRNAME_PACKAGES, memberReferences } from '../../scan/package-assets';
import { dottedName, type ReadinessFile } from '../readiness-file';

const PACKAGES = new Set(['serve-static', 'koa-static', 'koa-send', '@koa/send', 'koa-static-cache']);

export const staticFilesRule: ReadinessRule = {
  id: 'static-files',
  title: 'Static files served by the app',
  severity: 'warning',
  why: 'Every file request becomes an invocation, binary files travel base64-encoded within the 6 MB limit, and the files must be packaged with every function.',
  instead: 'Serve static files from S3 through CloudFront and keep the functions for dynamic routes.',
  words: ['static', 'koa-send', '@koa/send', 'swagger-ui-express', 'swagger-ui-dist'],
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
    // Bundled, the package would find its files in the bundle's folder: the IaC packages its folder and gives its modules their installed location (iac/package-assets), or says it cannot (iac/assets-not-packaged).
    for (const pkg of DIRNAME_PACKAGES) {
      for (const at of memberReferences(file, pkg.usedThrough, pkg.members)) {
        hits.push({
          at,
          scope: 'module',
          severity: 'info',
          message: `\`${at.getText(file.sf)}\` serves ${pkg.name}'s files from the function's package, one invocation per file; ${pkg.name} finds them by its own \`__dirname\`, so the IaC packages its folder and gives it that location in the bundle (iac/package-assets), or warns where it cannot (iac/assets-not-packaged)`,
        });
      }
    }
    return hits;
  },
};
