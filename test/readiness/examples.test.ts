/**
 * Readiness on real services: the app the issue describes (one finding per hazard, at its
 * line) and each of the project's own examples, whose findings are asserted exactly so a new
 * false finding (or a lost true one) fails here. Examples are copied out of the repository
 * (without node_modules) so module resolution stays inside them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkService } from '../../dist/src/readiness/check-service';
import { copyTree } from '../helpers/tmp-project';

const REPO = path.join(__dirname, '..', '..');

async function findings(dir: string): Promise<string[]> {
  const root = copyTree(dir, 'lambdashift-readiness-');
  try {
    const result = await checkService({ root });
    return (result.readiness ?? []).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('readiness on real services', () => {
  it('finds each hazard of the app described in the issue once, at its line', async () => {
    const root = copyTree(path.join(__dirname, 'fixtures', 'why-app'), 'lambdashift-readiness-');
    try {
      const result = await checkService({ root });
      const byLine = (result.readiness ?? []).map((f) => `${f.line}:${f.column} ${f.rule} [${f.functions.join(' ')}]`);
      const all = '[appFallback getEvents getReport getVisits postCartById postNotes]';
      expect(byLine).toEqual([
        `11:9 session-memory-store ${all}`, // app.use(session({ ... })) without a store
        `12:9 static-files ${all}`, // express.static
        `14:5 module-state ${all}`, // let visits = 0
        `15:7 module-state ${all}`, // const carts = new Map()
        '28:3 fs-write [postNotes]', // fs.writeFileSync(path.join(__dirname, ...))
        '33:34 long-request [getReport]', // a 60-second wait
        '38:3 streaming-response [getEvents]', // SSE (its setInterval is part of it)
        `43:1 refused-schedule ${all}`, // every 10 seconds: stays in-process, runs in each instance
        `47:13 websocket ${all}`, // new WebSocketServer
        `50:1 extra-server ${all}`, // http.createServer(app).listen(3000)
      ]);
      expect(result.readiness!.every((f) => f.why.length > 0 && f.instead.length > 0)).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  const EXPECTED: Record<string, string[]> = {
    // In-memory data stores standing in for a database: per instance on Lambda.
    'express-cjs-service': [
      'lib/store.js:8:7 warning module-state',
      'lib/store.js:14:7 warning module-state',
      'lib/store.js:23:5 warning module-state',
      'lib/store.js:24:5 warning module-state',
    ],
    // The users table another module exports, pushed to by the service.
    'express-class-starter': ['src/services/users.service.ts:19:5 warning module-state'],
    // Trusts the proxy; its store lives in a factory's closure, not at module level.
    'express-ts-service': [],
    // Its links live in a module-level Map the POST handler adds to.
    'express-links-service': ['lib/store.js:1:7 warning module-state'],
    'express5-esm-service': ['src/data/catalog.js:12:7 warning module-state', 'src/data/catalog.js:13:5 warning module-state'],
    // A job relying on noOverlap, and the ledger every job writes to.
    'jobs-ts-service': ['src/jobs/invoices.ts:15:1 warning job-overlap', 'src/ledger.ts:11:7 warning module-state'],
    'koa-js-service': ['lib/store.js:53:5 warning module-state'],
    // `new Koa({ proxy: true })`: ctx.ip / ctx.protocol are fine.
    'koa-ts-service': [],
  };
  for (const [example, expected] of Object.entries(EXPECTED)) {
    it(`finds exactly the expected findings in examples/${example}`, async () => {
      expect(await findings(path.join(REPO, 'examples', example))).toEqual(expected);
    });
  }

  it('covers every example service', () => {
    const services = fs.readdirSync(path.join(REPO, 'examples')).filter((d) => fs.existsSync(path.join(REPO, 'examples', d, 'package.json')));
    expect(services.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
