/**
 * Command lines written from habit: jscodeshift's flags, and values given to switches. Both
 * get a usage error that says what to type instead, not a bare "Unknown argument" or a silent
 * dry run (`--write=maybe` is not `--write`).
 */

/** jscodeshift flags (short and long) and what lambdashift does instead. */
const JSCODESHIFT_FLAGS: Readonly<Record<string, string>> = {
  d: 'lambdashift is a dry run unless --write is given (jscodeshift -d/--dry)',
  dry: 'lambdashift is a dry run unless --write is given (jscodeshift -d/--dry)',
  p: 'the diff is printed on stdout by default (jscodeshift -p/--print)',
  print: 'the diff is printed on stdout by default (jscodeshift -p/--print)',
  c: 'use --workers N (jscodeshift -c/--cpus)',
  cpus: 'use --workers N (jscodeshift -c/--cpus)',
  'run-in-band': 'use --in-band (jscodeshift --run-in-band)',
  runInBand: 'use --in-band (jscodeshift --run-in-band)',
  extensions: 'use --include GLOB, e.g. --include "src/**/*.ts" (jscodeshift --extensions)',
  'ignore-pattern': 'use --exclude GLOB (jscodeshift --ignore-pattern)',
  ignorePattern: 'use --exclude GLOB (jscodeshift --ignore-pattern)',
};

/** Switches that take no value other than true/false. */
const SWITCHES = ['write', 'force', 'check', 'timing', 'git-root', 'in-band', 'vendor-runtime', 'keep-schedules', 'watch'];

/** yargs' "Unknown argument(s): d, cpus" with a suggestion for each jscodeshift flag in it. */
export function withFlagSuggestions(message: string): string {
  const m = /^Unknown arguments?: (.*)$/.exec(message);
  if (!m) return message;
  const hints = [...new Set(m[1].split(', ').map((name) => JSCODESHIFT_FLAGS[name]).filter((hint): hint is string => hint !== undefined))];
  return hints.length === 0 ? message : `${message}\n${hints.map((hint) => `  hint: ${hint}`).join('\n')}`;
}

/** The error for a switch given a value that is not true or false (`--write=maybe`), or null. */
export function switchValueError(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const m = /^--(no-)?([a-z-]+)=(.*)$/.exec(arg);
    if (m && SWITCHES.includes(m[2]) && !['true', 'false'].includes(m[3])) {
      return `--${m[1] ?? ''}${m[2]} is a switch: give it alone or as --${m[2]}=true/false, not "${m[3]}"`;
    }
  }
  return null;
}
