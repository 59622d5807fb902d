/**
 * Test helpers for transform authors, in the spirit of jscodeshift's `testUtils`: exact
 * comparison (no trimming) and an idempotence check on every fixture.
 */
export { applyTransform, toLoadedTransform } from './apply-transform';
export type { TransformModule, TransformTestInput, TransformTestOptions } from './apply-transform';
export { defineTest, defineInlineTest, defineSnapshotTest, runInlineTest } from './define-tests';
export { readFixturePair, FIXTURE_EXTENSIONS } from './fixtures';
export type { FixturePair } from './fixtures';
export { defineMigrationTest, runMigrationFixture } from './migration-fixtures';
export type { MigrationFixtureInput, MigrationFixtureResult, FixtureMigrateOptions } from './migration-fixtures';
