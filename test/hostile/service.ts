import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeProject } from '../helpers/tmp-project';

/**
 * A small, ordinary Express service (CommonJS, routers in their own files, a node-cron job)
 * that each hostile case breaks in one way. Committed to git, so `--write` runs as in a real
 * checkout and "nothing was written" is `git status` being clean.
 */
export const BASE_FILES: Record<string, string> = {
  'package.json': '{ "name": "hostile-service", "version": "1.0.0", "main": "app.js", "dependencies": { "express": "^4.21.0", "node-cron": "^3.0.3" } }\n',
  'app.js': [
    "const express = require('express');",
    "const users = require('./routes/users');",
    "const orders = require('./routes/orders');",
    "require('./jobs/nightly');",
    '',
    'const app = express();',
    'app.use(express.json());',
    "app.use('/users', users);",
    "app.use('/orders', orders);",
    "app.get('/health', (req, res) => res.json({ ok: true }));",
    '',
    'app.listen(3000);',
    'module.exports = app;',
    '',
  ].join('\n'),
  'routes/users.js': [
    "const { Router } = require('express');",
    'const router = Router();',
    "router.get('/', (req, res) => res.json([]));",
    "router.get('/:id', (req, res) => res.json({ id: req.params.id }));",
    'module.exports = router;',
    '',
  ].join('\n'),
  'routes/orders.js': [
    "const express = require('express');",
    'const router = express.Router();',
    "router.get('/', (req, res) => res.json([]));",
    "router.post('/', (req, res) => res.status(201).json(req.body));",
    'module.exports = router;',
    '',
  ].join('\n'),
  'jobs/nightly.js': ["const cron = require('node-cron');", '', "cron.schedule('0 3 * * *', function nightly() { console.log('nightly'); }, { timezone: 'UTC' });", ''].join('\n'),
};

/** Mounts an extra router file in app.js (after the others). */
export function mounting(file: string, prefix: string): Record<string, string> {
  const app = BASE_FILES['app.js']!.replace("require('./jobs/nightly');", `require('./jobs/nightly');\nconst extra = require('./${file.replace(/\.js$/, '')}');`).replace("app.use('/orders', orders);", `app.use('/orders', orders);\napp.use(${JSON.stringify(prefix)}, extra);`);
  return { 'app.js': app };
}

/** Writes the base service with `overrides` (a Buffer for raw bytes; null removes a file) and commits it. */
export function hostileService(overrides: Record<string, string | Buffer | null> = {}): string {
  const dir = writeProject({}, 'lambdashift-hostile-');
  for (const [rel, content] of Object.entries({ ...BASE_FILES, ...overrides })) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'service');
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** `git status --porcelain` including untracked files: empty when nothing was written. */
export function gitStatus(dir: string): string {
  return git(dir, 'status', '--porcelain', '--untracked-files=all');
}

/** Every file under `dir` (not .git), relative, with its bytes. */
export function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out.set(path.relative(dir, abs).split(path.sep).join('/'), fs.readFileSync(abs));
    }
  };
  walk(dir);
  return out;
}

/** Lines of stderr that look like a stack frame: there must be none. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
