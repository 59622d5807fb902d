/** Small MigrationPlans and function specs for the IaC tests. */
import type { HttpFunctionPlan, JobFunctionPlan, MigrationPlan } from '../../src/model/migration-plan';
import type { FunctionSpec } from '../../src/emit/iac';

const loc = (line: number) => ({ file: 'src/app.ts', line, column: 1 });

export function httpFn(name: string, method: string, path: string, apiPaths: string[]): HttpFunctionPlan {
  return {
    kind: 'http',
    framework: 'express',
    name,
    module: `lambda/http/${name}.ts`,
    exportName: 'handler',
    routes: [{ method, path, apiPaths, source: loc(3) }],
    settings: {},
    app: { id: 'src/app.ts#app', options: {}, layers: [] },
    source: loc(3),
  };
}

export function jobFn(name: string, expressions: string[], timezone: string, options: Record<string, unknown> = {}): JobFunctionPlan {
  return {
    kind: 'schedule',
    name,
    module: `lambda/jobs/${name}.ts`,
    exportName: 'handler',
    job: {
      id: `src/jobs.ts#${name}`,
      library: 'node-cron',
      libraryMajor: 4,
      loc: loc(10),
      spec: { kind: 'cron', expression: '0 3 * * *' },
      timezone: timezone === 'UTC' ? null : timezone,
      options,
      name: null,
      handler: { text: name, loc: loc(10), source: { kind: 'unsupported', reason: 'test' }, arity: 0, isErrorHandler: false },
    },
    expressions,
    timezone,
    timezoneAssumed: false,
    guards: expressions.map(() => null),
    notes: [],
  };
}

export function plan(root: string, functions: HttpFunctionPlan[], jobs: JobFunctionPlan[] = [], moduleSystem: 'esm' | 'cjs' = 'cjs'): MigrationPlan {
  return {
    project: { root, moduleSystem, typescript: true, dependencies: {}, installed: {} },
    options: { granularity: 'route', outDir: 'lambda', vendorRuntime: false, keepSchedules: false },
    functions,
    jobs,
    rewrites: [],
    diagnostics: [],
  };
}

export function spec(partial: Partial<FunctionSpec> & { name: string }): FunctionSpec {
  return {
    kind: 'http',
    module: `lambda/http/${partial.name}.ts`,
    exportName: 'handler',
    description: `GET /${partial.name}`,
    http: [{ method: 'GET', path: `/${partial.name}` }],
    schedules: [],
    environment: [],
    ...partial,
  };
}
