/**
 * static-files: static files served by the app (`express.static`, serve-static, koa-static,
 * koa-send).
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
 */
import type { ReadinessRule, RuleHit } from '../rule';
import { dottedName, type ReadinessFile } from '../readiness-file';

const PACKAGES = new Set(['serve-static', 'koa-static', 'koa-send', '@koa/send', 'koa-static-cache']);

export const staticFilesRule: ReadinessRule = {
  id: 'static-files',
  title: 'Static files served by the app',
  severity: 'warning',
  why: 'Every file request becomes an invocation, binary files travel base64-encoded within the 6 MB limit, and the files must be packaged with every function.',
  instead: 'Serve static files from S3 through CloudFront and keep the functions for dynamic routes.',
  words: ['static', 'koa-send', '@koa/send'],
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
    return hits;
  },
};
