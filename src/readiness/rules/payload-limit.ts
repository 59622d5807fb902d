/**
 * payload-limit: bodies that may exceed API Gateway's 6 MB payload limit (10 MB on REST APIs,
 * 6 MB for Lambda either way): body parsers with a `limit` over 6 MB (`express.json`,
 * `express.urlencoded`, `express.raw`, `express.text`, body-parser, koa-bodyparser's
 * `jsonLimit`/`formLimit`/`textLimit`, koa-body), multer `limits.fileSize` over 6 MB, and
 * files sent as responses (`res.sendFile`, `res.download`).
 *
 * Why on Lambda: a synchronous invocation carries at most 6 MB of request and 6 MB of
 * response (less after base64 for binary bodies). Bigger requests are refused with 413 before
 * the function runs; bigger responses fail with a 502, whatever the parser allows.
 *
 * Instead: upload and download large files through S3 pre-signed URLs; keep parser limits at
 * or below 6 MB so the limit the service documents is the one that applies.
 *
 * Before (flagged):
 *     app.use(express.json({ limit: '50mb' }));
 *     app.get('/export', (req, res) => res.download(exportPath));
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { byteSize, calleeName, calleeObject, dottedName, formatBytes, objectProperty, type ReadinessFile } from '../readiness-file';

const LIMIT = 6 * 1024 * 1024;
const PARSER_MODULES = new Set(['express', 'body-parser', 'koa-bodyparser', '@koa/bodyparser', 'koa-body', 'multer']);
const LIMIT_KEYS = ['limit', 'jsonLimit', 'formLimit', 'textLimit'];
const RES_NAMES = new Set(['res', 'response']);

export const payloadLimitRule: ReadinessRule = {
  id: 'payload-limit',
  title: "Bodies over API Gateway's 6 MB limit",
  severity: 'warning',
  why: 'A synchronous Lambda invocation carries at most 6 MB of request and 6 MB of response: bigger requests are refused with 413 before the function runs, bigger responses fail with 502.',
  instead: 'Move large uploads and downloads to S3 pre-signed URLs and keep parser limits at or below 6 MB.',
  words: ['limit', 'Limit', 'fileSize', 'sendFile', 'download'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      const dotted = dottedName(call.expression);
      const head = dotted?.split('.')[0];
      const module = head === undefined ? undefined : file.moduleOf(head);
      const name = calleeName(call);
      if (module !== undefined && PARSER_MODULES.has(module)) {
        const opts = call.arguments.find((a) => ts.isObjectLiteralExpression(a));
        for (const key of LIMIT_KEYS) {
          const value = objectProperty(opts, key);
          const bytes = byteSize(value);
          if (value && bytes !== undefined && bytes > LIMIT) hits.push({ at: value.parent, scope: 'module', severity: 'error', message: `\`${dotted}\` accepts bodies up to ${formatBytes(bytes)} (\`${key}\`); API Gateway refuses anything over 6 MB` });
        }
        const fileSize = byteSize(objectProperty(objectProperty(opts, 'limits'), 'fileSize'));
        if (fileSize !== undefined && fileSize > LIMIT) {
          hits.push({ at: objectProperty(opts, 'limits')!.parent, scope: 'module', severity: 'error', message: `multer accepts files up to ${formatBytes(fileSize)}; API Gateway refuses requests over 6 MB` });
        }
        continue;
      }
      if ((name === 'sendFile' || name === 'download') && calleeObject(call) && ts.isIdentifier(calleeObject(call)!) && RES_NAMES.has((calleeObject(call) as ts.Identifier).text)) {
        hits.push({ at: call, message: `\`res.${name}\` sends a file as the response body; files over 6 MB (less once base64-encoded) fail on Lambda` });
      }
    }
    return hits;
  },
};
