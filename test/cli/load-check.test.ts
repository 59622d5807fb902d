/**
 * `migrate --write` loads every generated module (bundled as deployed, AWS_LAMBDA_FUNCTION_NAME
 * set) in a child process; one that throws or starts a server at load is an error naming the
 * function, and the exit code says so.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeProject } from '../helpers/tmp-project';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/lambdashift.js');

function migrateWrite(files: Record<string, string>): { status: number | null; stderr: string } {
  const root = writeProject({ 'package.json': '{"name":"svc","main":"app.js","dependencies":{"express":"^5.1.0"}}', ...files });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const run = spawnSync(process.execPath, [BIN, 'migrate', root, '--write', '--force'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stderr: run.stderr };
}

describe('migrate --write: load check', () => {
  it('passes modules that load, and fails (exit 1) naming the function that throws or listens at load', () => {
    const ok = migrateWrite({
      'app.js': `const express = require('express');
const app = express();
app.get('/health', (req, res) => res.send('ok'));
module.exports = app;
app.listen(3000);
// Started inside a function: guarded where the call is.
function start() { app.listen(3001); }
start();
`,
    });
    expect(ok.stderr).not.toMatch(/fails at load/);
    expect(ok.status).toBe(0);

    const bad = migrateWrite({
      'app.js': `const express = require('express');
const config = require('./config');
const app = express();
app.get('/health', (req, res) => res.send(config.name));
// A listen no guard can find: \`app[method]\` is not a \`.listen\` the transform can locate.
const method = 'listen';
function start() { app[method](3000); }
start();
module.exports = app;
`,
      'users.js': `const express = require('express');
const router = express.Router();
if (process.env.AWS_LAMBDA_FUNCTION_NAME && !process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
router.get('/users', (req, res) => res.json([]));
module.exports = router;
`,
      'config.js': `module.exports = { name: 'svc' };\n`,
      'server.js': `const app = require('./app');\napp.use(require('./users'));\n`,
      // The entry that adds the users router, so the scan reaches it.
      'package.json': '{"name":"svc","main":"server.js","dependencies":{"express":"^5.1.0"}}',
    });
    expect(bad.stderr).toMatch(/error: lambda\/http\/getHealth\.js: getHealth fails at load \(cold start\): .*starts a server/);
    expect(bad.stderr).toMatch(/getUsers fails at load \(cold start\): .*DATABASE_URL is not set/);
    expect(bad.status).toBe(1);
  });
});
