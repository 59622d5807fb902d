import type { Diagnostic } from '../model/diagnostic';
import type { ServiceModel } from '../model/service-model';

/** What the rules may know about the whole service besides one file's code. */
export interface ServiceFacts {
  model: ServiceModel;
  /** Diagnostics of the scan and plan (refused schedules, dynamic jobs, ...). */
  planDiagnostics: Diagnostic[];
  /** Some app trusts the proxy in front (`app.set('trust proxy', ...)`, Koa `proxy: true`). */
  trustsProxy: boolean;
}

/** Whether any app of the model trusts the proxy in front of it. */
export function trustsProxy(model: ServiceModel): boolean {
  return model.apps.some((app) => {
    // Express `app.set('trust proxy', ...)`; Koa `app.proxy = true` or `new Koa({ proxy: true })`.
    const v = app.settings['trust proxy'] ?? app.settings.proxy ?? app.options.proxy;
    return v !== undefined && v !== false && v !== 0;
  });
}
