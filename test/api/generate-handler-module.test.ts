import * as path from 'node:path';
import { generateHandlerModule, loadServiceModel, migrate, planMigration } from 'lambdashift';

describe('generateHandlerModule', () => {
  it('gives the same module text migrate writes, for routes and jobs', async () => {
    for (const example of ['express-cjs-service', 'koa-ts-service', 'jobs-ts-service']) {
      const root = path.join(__dirname, '../../examples', example);
      const result = await migrate({ root });
      const model = await loadServiceModel(root);
      const extension = path.extname(result.functions[0]!.module);
      const plan = planMigration(model, { granularity: 'route', outDir: 'lambda', vendorRuntime: false, keepSchedules: false, extension });
      const fns = [...plan.functions, ...plan.jobs];
      expect(fns.length).toBeGreaterThan(3);
      for (const fn of fns) {
        const written = result.changes.get(fn.module)?.after;
        // Modules whose routes' source a rewrite moved name the new line; compare past the header.
        const body = (text: string) => text.split('\n').slice(1).join('\n');
        expect(body(generateHandlerModule(plan, fn))).toBe(body(written!));
      }
    }
  });
});
