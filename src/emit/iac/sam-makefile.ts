/**
 * The Makefile SAM's custom build reads (`Metadata: BuildMethod: makefile`): `sam build` copies
 * CodeUri (`.`) to a scratch folder and runs `make build-<LogicalId>` there with `ARTIFACTS_DIR`
 * set to the function's artifact folder. Each target runs the generated build script
 * (`bundle-script.ts`), which bundles the function and copies the files its code reads.
 *
 * lambdashift owns one delimited block of the file; a Makefile the project already has keeps
 * everything outside it. The block is replaced on every run (removed functions' targets go
 * away), removed when no function is makefile-built, and a file that held nothing but what
 * lambdashift wrote is then deleted.
 *
 * Before: no Makefile, one function `GetUsersFunction` built from `lambda/http/getUsers.ts`
 * After:
 *     # >>> lambdashift: ...
 *     .PHONY: build-GetUsersFunction
 *     build-GetUsersFunction:
 *     <TAB>node lambda/bundle-function.cjs lambda/http/getUsers.ts "$(ARTIFACTS_DIR)"
 *     # <<< lambdashift
 */
import { GENERATED_MARKER } from '../header';
import { bundleScriptPath } from './bundle-script';

/** Where SAM looks for it: in CodeUri, which is the template's folder (`.`). */
export const SAM_MAKEFILE = 'Makefile';

/** One makefile-built function. */
export interface SamMakeTarget {
  /** Its logical id in template.yaml: the target is `build-<logicalId>`. */
  logicalId: string;
  /** Its generated module, root-relative (`lambda/http/getUsers.ts`). */
  entry: string;
}

const BEGIN = '# >>> lambdashift';
const END = '# <<< lambdashift';
const HEADER = [`# ${GENERATED_MARKER} for \`sam build\` (functions with Metadata BuildMethod: makefile).`, '# Add your own targets outside the lambdashift block: they are kept.'];

export interface MakefileResult {
  /** The wanted text; null when the file should not exist (it held only lambdashift's block, now empty). */
  text: string | null;
  warnings: string[];
  /** Set when the block could not be written (the functions then do not build): why. */
  blocked?: string;
}

/** Explicit target names a line defines (`build-A build-B: deps`), outside recipes and variable assignments. */
function targetsDefined(line: string): string[] {
  const m = /^([^\s#:=][^:=#]*?)\s*::?(?!=)/.exec(line);
  return m ? m[1]!.split(/\s+/).filter((t) => !t.includes('%')) : [];
}

/**
 * The Makefile text for `targets` (`outDir` holds the build script), `existing` kept outside
 * lambdashift's block.
 *
 * @example
 * renderSamMakefile(null, [{ logicalId: 'GetUsersFunction', entry: 'lambda/http/getUsers.ts' }], 'lambda').text;
 * // header, then the block with `build-GetUsersFunction:`
 */
export function renderSamMakefile(existing: string | null, targets: readonly SamMakeTarget[], outDir: string): MakefileResult {
  const warnings: string[] = [];
  const lines = existing === null ? [] : existing.replace(/\r?\n$/, '').split(/\r?\n/);
  const begin = lines.findIndex((l) => l.startsWith(BEGIN));
  const end = lines.findIndex((l, i) => i > begin && l.startsWith(END));
  if (begin >= 0 !== end >= 0 || (begin < 0 && lines.some((l) => l.startsWith(END)))) {
    const why = `${SAM_MAKEFILE} has a \`${begin >= 0 ? BEGIN : END}\` line without its \`${begin >= 0 ? END : BEGIN}\`; restore or remove lambdashift's block`;
    return { text: existing, warnings: [why], blocked: why };
  }
  const before = begin >= 0 ? lines.slice(0, begin) : lines;
  const after = begin >= 0 ? lines.slice(end + 1) : [];
  const own = new Set([...before, ...after].flatMap(targetsDefined));
  const block: string[] = [];
  for (const t of targets) {
    const name = `build-${t.logicalId}`;
    if (own.has(name)) {
      warnings.push(`${SAM_MAKEFILE} already defines ${name} outside lambdashift's block: \`sam build\` runs that recipe for ${t.entry}, not lambdashift's build script`);
      continue;
    }
    block.push('', `.PHONY: ${name}`, `${name}:`, `\tnode ${bundleScriptPath(outDir)} ${t.entry} "$(ARTIFACTS_DIR)"`);
  }
  const userLines = [...before, ...after];
  const onlyOurs = existing === null || trimBlank(userLines).join('\n') === HEADER.join('\n');
  if (!block.length) {
    if (onlyOurs) return { text: null, warnings };
    return { text: begin >= 0 ? joinLines([...trimEndBlank(before), ...after]) : existing, warnings };
  }
  const managed = [`${BEGIN}: \`sam build\` targets of the functions lambdashift manages (BuildMethod: makefile).`, '# Re-run `lambdashift migrate` to update this block; edits inside it are overwritten.', ...block, '', END];
  if (existing === null) return { text: joinLines([...HEADER, '', ...managed]), warnings };
  if (begin >= 0) return { text: joinLines([...before, ...managed, ...after]), warnings };
  return { text: joinLines([...trimEndBlank(lines), '', ...managed]), warnings };
}

function trimEndBlank(lines: string[]): string[] {
  let n = lines.length;
  while (n > 0 && lines[n - 1]!.trim() === '') n--;
  return lines.slice(0, n);
}

function trimBlank(lines: string[]): string[] {
  const start = lines.findIndex((l) => l.trim() !== '');
  return start < 0 ? [] : trimEndBlank(lines.slice(start));
}

const joinLines = (lines: string[]): string => `${lines.join('\n')}\n`;
