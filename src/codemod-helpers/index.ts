/**
 * Helpers for plain jscodeshift transforms: the route registrations and scheduled jobs in one
 * file, found syntactically (no cross-file analysis).
 */
export { findRoutes } from './find-routes';
export type { FindRoutesOptions, FoundRoute, RouteFramework } from './find-routes';
export { findJobs } from './find-jobs';
export type { FoundJob } from './find-jobs';
