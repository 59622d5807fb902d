/**
 * fs-write: writes to the file system outside /tmp: `fs.writeFile*`, `appendFile*`,
 * `createWriteStream`, `mkdir*`, `rename`, `copyFile` to a relative, `__dirname` or other
 * non-/tmp path; multer disk storage (`dest`, `diskStorage({ destination })`); file loggers
 * (winston's `transports.File`, `pino.destination(file)`, log4js `file` appenders).
 *
 * Why on Lambda: the deployment package is mounted read-only; only /tmp is writable, and it
 * belongs to one instance (other instances never see the file) and disappears with it. Writes
 * elsewhere throw EROFS.
 *
 * Instead: store files in S3 (uploads with multer-s3 or pre-signed URLs); write scratch files
 * under `os.tmpdir()`; log to stdout/stderr (CloudWatch Logs collects them).
 *
 * Before (flagged):
 *     fs.writeFileSync(path.join(__dirname, 'data.json'), JSON.stringify(data));
 * After (not flagged):
 *     fs.writeFileSync(path.join(os.tmpdir(), 'data.json'), JSON.stringify(data));
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, dottedName, objectProperty, stringValue, type ReadinessFile } from '../readiness-file';

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'fs-extra', 'graceful-fs']);
const WRITERS = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync',
  'rename', 'renameSync', 'copyFile', 'copyFileSync', 'outputFile', 'outputFileSync', 'outputJson', 'outputJsonSync', 'writeJson', 'writeJsonSync',
]);

/** Whether a path expression (or the constant it names) points into the temp directory. */
function inTmp(file: ReadinessFile, expr: ts.Expression): boolean {
  let text = expr.getText(file.sf);
  // Names in the path that are module-level constants (`path.join(SCRATCH, f)`): their values count too.
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      const decl = file.topLevelVariables.find((v) => ts.isIdentifier(v.decl.name) && v.decl.name.text === n.text);
      if (decl?.decl.initializer) text += decl.decl.initializer.getText(file.sf);
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return /tmpdir\s*\(|TMPDIR|['"`]\/tmp(\/|['"`])/.test(text);
}

export const fsWriteRule: ReadinessRule = {
  id: 'fs-write',
  title: 'File system writes outside /tmp',
  severity: 'error',
  why: 'The deployment package is read-only on Lambda; only /tmp is writable, and it belongs to one instance and disappears with it.',
  instead: 'Store files in S3 (multer-s3, pre-signed uploads), write scratch files under os.tmpdir(), and log to stdout/stderr for CloudWatch Logs.',
  words: ['fs', 'multer', 'winston', 'pino', 'log4js', 'diskStorage', 'dest'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    const fsNames = new Set(file.namesFrom((m) => FS_MODULES.has(m)));
    const multer = new Set(file.namesFrom('multer'));
    for (const call of file.calls) {
      const name = calleeName(call);
      if (name === undefined) continue;
      const dotted = dottedName(call.expression);
      const head = dotted?.split('.')[0];
      const fromFs = head !== undefined && fsNames.has(head) && (dotted!.includes('.') || WRITERS.has(file.imports.get(head)!.name));
      const target = call.arguments[0];
      if (fromFs && WRITERS.has(name) && target && !inTmp(file, target)) {
        hits.push({ at: call, message: `\`${dotted}\` writes to \`${target.getText(file.sf).slice(0, 60)}\`, outside /tmp` });
        continue;
      }
      // multer({ dest }) and multer.diskStorage({ destination })
      if (head !== undefined && multer.has(head)) {
        const opts = call.arguments[0];
        const dest = dotted === head ? objectProperty(opts, 'dest') : name === 'diskStorage' ? objectProperty(opts, 'destination') : undefined;
        if (dest && !inTmp(file, dest)) hits.push({ at: call, scope: 'module', message: `multer stores uploads on disk at \`${dest.getText(file.sf).slice(0, 60)}\`, outside /tmp` });
        continue;
      }
      // pino.destination('./app.log') / pino.destination({ dest })
      if (name === 'destination' && file.moduleOf(head ?? '') === 'pino') {
        const arg = call.arguments[0];
        const dest = arg && ts.isObjectLiteralExpression(arg) ? objectProperty(arg, 'dest') : arg;
        const fd = dest ? stringValue(dest) : undefined;
        if (dest && fd !== undefined && !/^[12]$/.test(fd) && !inTmp(file, dest)) hits.push({ at: call, scope: 'module', message: `pino logs to the file \`${dest.getText(file.sf)}\`` });
      }
    }
    for (const expr of file.news) {
      const dotted = dottedName(expr.expression);
      if (dotted !== undefined && /(^|\.)transports\.(File|DailyRotateFile)$/.test(dotted) && file.moduleOf(dotted.split('.')[0]!)?.startsWith('winston')) {
        const filename = objectProperty(expr.arguments?.[0], 'filename') ?? objectProperty(expr.arguments?.[0], 'dirname');
        if (!filename || !inTmp(file, filename)) hits.push({ at: expr, scope: 'module', message: `winston logs to a file${filename ? ` (\`${filename.getText(file.sf)}\`)` : ''}` });
      }
    }
    // log4js appenders: { type: 'file' | 'dateFile' | 'fileSync', filename }
    if (file.uses('log4js')) {
      const visit = (node: ts.Node): void => {
        if (ts.isObjectLiteralExpression(node)) {
          const type = stringValue(objectProperty(node, 'type'));
          const filename = objectProperty(node, 'filename');
          if ((type === 'file' || type === 'dateFile' || type === 'fileSync') && !(filename && inTmp(file, filename))) {
            hits.push({ at: node, scope: 'module', message: `log4js \`${type}\` appender writes a log file` });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file.sf);
    }
    return hits;
  },
};
