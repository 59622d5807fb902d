import { Writable } from 'node:stream';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/common-options';

/** A writable stream that keeps everything written to it; `isTTY` makes it pose as a terminal. */
export class CapturedStream extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `lambdashift <argv>` in-process with captured streams. */
export async function runCli(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdoutTTY?: boolean; stderrTTY?: boolean },
): Promise<CliRun> {
  const stdout = new CapturedStream(options.stdoutTTY);
  const stderr = new CapturedStream(options.stderrTTY);
  const io: CliIO = { stdout, stderr, cwd: options.cwd, env: options.env ?? {} };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\x1b\[[0-9;]*m/;
