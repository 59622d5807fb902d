/**
 * Import cycles read from the load-time module graph: type-only imports and imports used only
 * as types load nothing; requires inside functions run later; a job whose function reaches a
 * cycle imports the cycle's entry module first; modules outside cycles get nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadServiceModel } from '../../src/scan/scan-service';
import { planMigration } from '../../src/plan/plan-migration';
import { generateHandlerModule } from '../../src/emit/handler-module';
import { writeProject } from '../helpers/tmp-project';

jest.setTimeout(60000);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const OPTIONS = { granularity: 'route' as const, outDir: 'lambda', vendorRuntime: false, keepSchedules: false, extension: '.ts' };

it('follows value imports in load order and leaves out type-only ones and requires inside functions', async () => {
  const dir = writeProject({
    'package.json': JSON.stringify({ name: 'graph', main: 'src/index.ts', dependencies: { express: '^5.1.0' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
    'src/index.ts': "import './config';\nimport { app } from './app';\nexport default app;\n",
    'src/config.ts': 'export const config = { port: 3000 };\n',
    'src/app.ts': "import express from 'express';\nimport type { Config } from './types';\nimport { Shape } from './shapes';\nimport { list } from './users';\nexport const app = express();\nconst c: Config | Shape | null = null;\nvoid c;\napp.get('/users', list);\n",
    'src/types.ts': "import { app } from './app';\nexport type Config = { app: typeof app };\n",
    'src/shapes.ts': "import { app } from './app';\nexport interface Shape { x: number }\nexport const touched = app;\n",
    'src/users.ts': "export function list(_req: unknown, res: { json(v: unknown): void }) {\n  const lazy = require('./app');\n  res.json(Object.keys(lazy));\n}\n",
  });
  dirs.push(dir);
  const model = await loadServiceModel(dir);
  expect(model.moduleGraph?.entries).toEqual(['src/index.ts']);
  expect(Object.fromEntries(Object.entries(model.moduleGraph!.imports).map(([f, i]) => [f, i.map((x) => x.file)]))).toEqual({
    'src/index.ts': ['src/config.ts', 'src/app.ts'],
    'src/config.ts': [],
    'src/app.ts': ['src/users.ts'],
    'src/users.ts': [],
  });
  const plan = planMigration(model, OPTIONS);
  expect(plan.diagnostics.filter((d) => d.code === 'plan/import-cycle')).toEqual([]);
  expect(plan.functions.every((f) => f.importCycles === undefined)).toBe(true);
});

it('a job whose function reaches a cycle loads the module the entry enters it at first', async () => {
  const dir = writeProject({
    'package.json': JSON.stringify({ name: 'jobs', main: 'src/main.ts', dependencies: { 'node-cron': '^3.0.3' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
    'src/main.ts': "import './jobs';\n",
    'src/jobs.ts': "import cron from 'node-cron';\nimport { purge } from './tasks';\nexport const registry: string[] = [];\ncron.schedule('0 3 * * *', purge);\n",
    'src/tasks.ts': "import { registry } from './jobs';\nexport function purge() {\n  registry.push('purged');\n}\n",
  });
  dirs.push(dir);
  const model = await loadServiceModel(dir);
  const plan = planMigration(model, OPTIONS);
  expect(plan.jobs.map((j) => [j.name, j.importCycles])).toEqual([['purge', [{ loadsFirst: 'src/jobs.ts', modules: ['src/jobs.ts', 'src/tasks.ts'] }]]]);
  expect(plan.diagnostics.filter((d) => d.code === 'plan/import-cycle').map((d) => [d.file, d.line, d.column])).toEqual([['src/tasks.ts', 1, 1]]);
  expect(path.basename(plan.jobs[0]!.module)).toBe('purge.ts');
  const source = generateHandlerModule(plan, plan.jobs[0]!);
  expect(source.indexOf("import '../../src/jobs';")).toBeGreaterThan(-1);
  expect(source.indexOf("import '../../src/jobs';")).toBeLessThan(source.indexOf("from '../../src/tasks'"));
});
