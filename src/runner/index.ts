/** The jscodeshift-compatible transform runner behind `lambdashift run`. */
export { runTransform, defaultWorkerCount } from './run-transform';
export type { RunTransformOptions, TransformRun } from './run-transform';
export { loadTransform, resolveTransformPath, transformFromExports, TransformLoadError, TRANSFORM_EXTENSIONS } from './load-transform';
export type { LoadedTransform } from './load-transform';
export { FileTransformer } from './transform-file';
export type { TransformCallOptions, TransformInput, TransformSink } from './transform-file';
export { PARSER_NAMES, isParserName } from './parsers';
export type { ParserName, ParserSpec } from './parsers';
export { toFileError } from './error-location';
export { progressLine } from './progress';
export type { ProgressReporter } from './progress';
