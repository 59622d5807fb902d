import type { RunResult } from '../model/run-result';

/**
 * One way of presenting a run: the unified diff, the stderr summary, the JSON and Markdown
 * reports. Printers are pure: they turn a RunResult into text and never write anywhere, so
 * the output layer alone decides where each text goes.
 */
export interface Printer {
  /** Short name, e.g. `diff`, `json`; matches `--format` where the printer is selectable. */
  readonly name: string;
  /** The complete text, ending in a newline unless empty. */
  print(result: RunResult): string;
}
