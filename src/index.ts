/**
 * lambdashift's public API: the migration as a function, its building blocks, and the test
 * helpers for transform authors.
 *
 * @example
 * import { migrate, formatUnifiedDiff } from 'lambdashift';
 * const result = await migrate({ root: './service' });
 * process.stdout.write(formatUnifiedDiff(result.changes, { color: false }));
 */

/** Runs discover → scan → plan → emit over a service; returns the ChangeSet, functions and diagnostics (nothing is written). */
export { migrate } from './migrate/migrate';
export type { MigrateOptions } from './migrate/migrate';

/** Reads a service into its ServiceModel (apps, routers, routes, middleware, jobs, with locations). */
export { scanService, loadServiceModel } from './scan/scan-service';
export type { ScanInput, LoadServiceOptions } from './scan/scan-service';
/** What will behave differently on Lambda (`lambdashift check`): findings with location, functions, why and what to do. */
export { checkService } from './readiness/check-service';
export type { CheckServiceOptions } from './readiness/check-service';
export type { ReadinessFinding, ReadinessSeverity, FunctionReadiness } from './model/readiness-finding';
/** ServiceModel → MigrationPlan (pure). */
export { planMigration } from './plan/plan-migration';
/** The handler module of one planned function, as `migrate` would write it. */
export { generateHandlerModule } from './emit/handler-module';

/** `/users/:id` → `/users/{id}` (or a reason it cannot be expressed). */
export { toApiGatewayPath, coarseApiGatewayPath, joinPaths } from './plan/api-path';
/** node-cron / cron / node-schedule schedules → exact EventBridge expressions, or a refusal. */
export { toEventBridgeSchedule, renderGuard, guardMatches } from './schedule';
export type { ScheduleInput, ScheduleConversion } from './schedule';

/** The in-memory set of file changes every command produces, its printers and the atomic writer. */
export { ChangeSet } from './changes/change-set';
export type { FileChange, FileStatus } from './changes/change-set';
export { applyChangeSet, WriteRefusedError } from './changes/writer';
export { formatUnifiedDiff } from './changes/printers/unified-diff';
export { buildJsonReport, formatJsonReport } from './changes/printers/json-report';
export type { JsonReport } from './changes/printers/json-report';
export { formatMarkdownReport } from './changes/printers/markdown-report';

/** Single-file finders for jscodeshift transforms: route registrations and scheduled jobs. */
export { findRoutes, findJobs } from './codemod-helpers';
export type { FoundRoute, FindRoutesOptions, RouteFramework, FoundJob } from './codemod-helpers';

/** Runs a jscodeshift transform over files with lambdashift's discovery, workers and ChangeSet. */
export { runTransform } from './runner/run-transform';

/** Migration transforms: a team's own step inside `lambdashift migrate` (see docs/custom-transforms.md). */
export { defineMigrationTransform } from './hooks/migration-transform';
export type { MigrationTransform, FunctionDraft, FunctionInfo, FunctionRoute, GeneratedModule, IacSettings, TransformContext } from './hooks/migration-transform';
export { loadMigrationTransform, loadMigrationTransforms } from './hooks/load-migration-transforms';
export type { TransformSpec, LoadedMigrationTransform } from './hooks/load-migration-transforms';
export { TransformHookError } from './hooks/run-hooks';

/** Fixture tests for transforms, in the spirit of jscodeshift's testUtils (with an idempotence check). */
export * from './testing';

export type { ServiceModel, AppModel, RouterModel, LayerModel, HandlerModel, JobModel } from './model/service-model';
export type { MigrationPlan, HttpFunctionPlan, JobFunctionPlan } from './model/migration-plan';
export type { Diagnostic, SourceLocation } from './model/diagnostic';
export type { FunctionEntry } from './model/function-entry';
export type { RunResult } from './model/run-result';
