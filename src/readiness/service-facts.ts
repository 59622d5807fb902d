import type { Diagnostic, SourceLocation } from '../model/diagnostic';
import type { ServiceModel } from '../model/service-model';

/** What the rules may know about the whole service besides one file's code. */
export interface ServiceFacts {
  model: ServiceModel;
  /** Diagnostics of the scan and plan (refused schedules, dynamic jobs, ...). */
  planDiagnostics: Diagnostic[];
  /** Some app trusts the proxy in front (`app.set('trust proxy', ...)`, Koa `proxy: true`). */
  trustsProxy: boolean;
  /**
   * The guard test when the code at `loc` never runs in a function (`lambda-guard.ts`): under
   * `if (!process.env.AWS_LAMBDA_FUNCTION_NAME)` as the migration leaves the file, or a main-module check.
   */
  lambdaGuard(loc: SourceLocation): string | undefined;
}

/** Whether any app of the model trusts the proxy in front of it. */
export function trustsProxy(model: ServiceModel): boolean {
  return model.apps.some((app) => {
    // Express `app.set('trust proxy', ...)`; Koa `app.proxy = true` or `new Koa({ proxy: true })`.
    const v = app.settings['trust proxy'] ?? app.settings.proxy ?? app.options.proxy;
    return v !== undefined && v !== false && v !== 0;
  });
}
