/**
 * analyzeExtraction: the machine-readable answer the migration pipeline reads before it plans
 * imports of extracted handlers, and the scope rules behind each refusal.
 */
import { analyzeExtraction, pathName } from '../extract-inline-handlers';

const header = "import express from 'express';\nconst app = express();\n";

function reasons(body: string, parser = 'babel'): string[] {
  return analyzeExtraction(header + body, parser).refusals.map((r) => `${r.line}:${r.column} ${r.reason}`);
}

function names(body: string, parser = 'babel'): string[] {
  return analyzeExtraction(header + body, parser).extractable.map((e) => e.exportName);
}

describe('analyzeExtraction', () => {
  it('lists what it extracts with positions, names and kinds', () => {
    const result = analyzeExtraction(`${header}app.use(express.json());\napp.get('/users/:id', (req, res) => res.end());\n`, 'babel');
    expect(result).toEqual({
      extractable: [
        { line: 3, column: 9, exportName: 'jsonMiddleware', kind: 'call' },
        { line: 4, column: 23, exportName: 'getUsersById', kind: 'function' },
      ],
      refusals: [],
    });
  });

  it('honours explicit positions and names', () => {
    const source = `${header}app.get('/a', (req, res) => res.end());\napp.get('/b', (req, res) => res.end());\n`;
    const result = analyzeExtraction(source, 'babel', { extract: [{ line: 4, column: 15, exportName: 'showB' }] });
    expect(result.extractable).toEqual([{ line: 4, column: 15, exportName: 'showB', kind: 'function' }]);
  });

  it('refuses a handler that captures a parameter of the enclosing function, naming it', () => {
    expect(reasons('function mount(db) {\n  app.get("/", (req, res) => res.json(db.all()));\n}\n')).toEqual([
      '4:16 cannot extract `getRoot`: it uses `db`, a parameter of the enclosing function `mount` (line 3), which does not exist at the top level',
    ]);
  });

  it('refuses captured destructured parameters, locals, catch variables and loop variables', () => {
    expect(reasons('function a({ db }) { app.get("/a", (req, res) => res.json(db)); }\n')[0]).toMatch(/uses `db`, a parameter of the enclosing function `a`/);
    expect(reasons('function b() { const cache = new Map(); app.get("/b", (req, res) => res.json(cache.size)); }\n')[0]).toMatch(/uses `cache`, a local variable of the enclosing function `b`/);
    expect(reasons('try { x(); } catch (err) { app.get("/c", (req, res) => res.send(err.message)); }\n')[0]).toMatch(/uses `err`, the enclosing catch clause's error variable/);
    expect(reasons('for (let i = 0; i < 2; i++) { app.get("/d" + i, (req, res) => res.send(String(i))); }\n')[0]).toMatch(/uses `i`, declared in an enclosing block/);
  });

  it('refuses `this` and `arguments` of an enclosing function, but not a handler\'s own', () => {
    expect(reasons('const o = { mount() { app.get("/x", (req, res) => res.send(this.name)); } };\n')[0]).toMatch(/uses `this` of the enclosing method `mount`/);
    expect(reasons('function f() { app.get("/y", (req, res) => res.send(arguments[0])); }\n')[0]).toMatch(/uses `arguments` of the enclosing function `f`/);
    expect(reasons('app.get("/z", function (req, res) { res.send(String(this === undefined) + arguments.length); });\n')).toEqual([]);
  });

  it('extracts handlers whose names only look captured: shadowed inside, module level, or globals', () => {
    expect(names('function m(db) {\n  app.get("/", (req, res) => { const db = 1; res.json({ db, env: process.env.X }); });\n}\n')).toEqual(['getRoot']);
    // Module-level `let` declared later: read when a request arrives, long after it is initialised.
    expect(names('app.get("/later", (req, res) => res.json(config));\nlet config = {};\n')).toEqual(['getLater']);
  });

  it('refuses a middleware instance that would read a binding before its declaration runs', () => {
    expect(reasons('app.use(limit(opts));\nconst opts = {};\n')).toEqual([
      '3:9 cannot extract `limitMiddleware`: it reads `opts` (declared on line 4) when it is created, before that declaration runs',
    ]);
    expect(names('app.use(limit(opts));\nvar opts = {};\nfunction limit() { return (q, s, n) => n(); }\n')).toEqual(['limitMiddleware']);
  });

  it('refuses handlers whose types come from an enclosing generic function (TypeScript)', () => {
    const body = 'export function mount<T>(value: T) {\n  app.get("/t", (req: express.Request, res: express.Response) => res.json(null as unknown as T));\n}\n';
    expect(reasons(body, 'ts')[0]).toMatch(/uses `T`/);
  });

  it('refuses everything in a file with `export =`', () => {
    const source = "import express = require('express');\nconst app = express();\napp.get('/', (req: any, res: any) => res.end());\nexport = app;\n";
    expect(analyzeExtraction(source, 'ts').refusals).toEqual([
      { line: 3, column: 14, reason: 'the file uses `export =` (line 4), which allows no other export' },
    ]);
  });

  it('reports and matches positions in the text as written, with CRLF line breaks and tab indentation', () => {
    // A tab is one column, as in the scanner's positions (the parser sees it as four spaces).
    const source = "import express from 'express';\r\nconst app = express();\r\napp.get(\r\n\t'/a',\r\n\t(req, res) => res.end(),\r\n);\r\n" +
      "function mount(db) {\r\n\tapp.get('/b', (req, res) => res.json(db));\r\n}\r\n";
    expect(analyzeExtraction(source, 'babel')).toEqual({
      extractable: [{ line: 5, column: 2, exportName: 'getA', kind: 'function' }],
      refusals: [{
        line: 8, column: 16,
        reason: 'cannot extract `getB`: it uses `db`, a parameter of the enclosing function `mount` (line 7), which does not exist at the top level',
      }],
    });
    expect(analyzeExtraction(source, 'babel', { extract: [{ line: 5, column: 2, exportName: 'showA' }] })).toEqual({
      extractable: [{ line: 5, column: 2, exportName: 'showA', kind: 'function' }],
      refusals: [],
    });
  });

  it('refuses an explicit name that is already taken, and skips one already extracted', () => {
    const source = `${header}const showA = 1;\napp.get('/a', (req, res) => res.end());\n`;
    expect(analyzeExtraction(source, 'babel', { extract: [{ line: 4, column: 15, exportName: 'showA' }] }).refusals).toEqual([
      { line: 4, column: 15, exportName: 'showA', reason: 'the name `showA` is already used in this file' },
    ]);
    const done = `${header}export const showA = (req, res) => res.end();\napp.get('/a', showA);\n`;
    expect(analyzeExtraction(done, 'babel', { extract: [{ line: 4, column: 15, exportName: 'showA' }] })).toEqual({ extractable: [], refusals: [] });
  });
});

describe('pathName', () => {
  it.each([
    ['/', 'Root'],
    ['/users', 'Users'],
    ['/users/:id', 'UsersById'],
    ['/users/:userId/posts/:post_id', 'UsersByUserIdPostsByPostId'],
    ['/files/*', 'FilesAny'],
    ['/files/*path', 'FilesByPath'],
    ['/items{/:id}', 'ItemsById'],
    ['/user-profile/:id(\\d+)', 'UserProfileById'],
    ['/v1/health-check', 'V1HealthCheck'],
  ])('%s → %s', (path, expected) => {
    expect(pathName(path)).toBe(expected);
  });
});
