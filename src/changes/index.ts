/**
 * The ChangeSet and everything that consumes it: printers, output selection and the writer.
 */
export { ChangeSet, type FileChange, type FileError, type FileStatus } from './change-set';
export { lineEndingOf, matchTextFormat, type LineEnding } from './text-format';
export type { Printer } from './printer';
export { formatUnifiedDiff, createUnifiedDiffPrinter, type UnifiedDiffOptions } from './printers/unified-diff';
export { formatSummary, createSummaryPrinter, formatElapsed, type SummaryOptions } from './printers/summary';
export {
  buildJsonReport,
  formatJsonReport,
  jsonReportPrinter,
  createJsonReportPrinter,
  JSON_REPORT_VERSION,
  type JsonReportOptions,
  type JsonReport,
  type JsonReportDiagnostic,
  type JsonReportFile,
  type JsonReportSummary,
} from './printers/json-report';
export {
  formatMarkdownReport,
  markdownReportPrinter,
  createMarkdownReportPrinter,
  markdownHeader,
  markdownSections,
  type MarkdownReportOptions,
} from './printers/markdown-report';
export {
  fitMarkdownReport,
  renderSection,
  markdownTable,
  details,
  GITHUB_COMMENT_LIMIT,
  DEFAULT_FOLD_ABOVE,
  type MarkdownSection,
  type FitOptions,
} from './printers/markdown-sections';
export {
  writeOutput,
  resolveColor,
  printerFor,
  type ColorMode,
  type OutputFormat,
  type OutputOptions,
  type OutputStream,
  type ReportOptions,
} from './output';
export {
  applyChangeSet,
  WriteFailedError,
  WriteRefusedError,
  type RefusedFile,
  type RollbackFailure,
  type WriteOptions,
  type WriteOutcome,
  type WriteProgress,
  type WriteRefusal,
  type WriterFileSystem,
} from './writer';
