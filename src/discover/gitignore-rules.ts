import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The rules of one `.gitignore` (or `.git/info/exclude`), which apply relative to `base`. */
export interface IgnoreRuleSet {
  /** Absolute directory the patterns are relative to. */
  base: string;
  rules: Ignore;
}

/**
 * A stack of rule sets from the outermost directory down to the one being walked. Git lets a
 * deeper `.gitignore` override a shallower one, so the sets are consulted deepest first and the
 * first one with an opinion (ignored, or re-included with `!`) decides.
 */
export class IgnoreStack {
  private constructor(private readonly sets: readonly IgnoreRuleSet[]) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /** A stack with `set` pushed on top; the receiver is left as it was (siblings share it). */
  push(set: IgnoreRuleSet | null): IgnoreStack {
    return set ? new IgnoreStack([...this.sets, set]) : this;
  }

  /** Whether `absPath` (a directory when `isDirectory`) is ignored by the stacked rules. */
  ignores(absPath: string, isDirectory: boolean): boolean {
    for (let i = this.sets.length - 1; i >= 0; i--) {
      const set = this.sets[i];
      const rel = toPosix(path.relative(set.base, absPath));
      if (rel === '' || rel === '..' || rel.startsWith('../')) continue;
      const verdict = set.rules.test(isDirectory ? `${rel}/` : rel);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

/** Parses gitignore text into a rule set for `base`. Matching is case-sensitive, as git's default. */
export function ruleSetFrom(base: string, text: string): IgnoreRuleSet {
  return { base, rules: ignore({ ignorecase: false }).add(text) };
}

/** Reads `<dir>/<fileName>` as a rule set, or null when there is no such file. */
export async function readRuleSet(dir: string, fileName = '.gitignore'): Promise<IgnoreRuleSet | null> {
  try {
    return ruleSetFrom(dir, await fs.readFile(path.join(dir, fileName), 'utf8'));
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

/** The nearest directory at or above `dir` that holds a `.git` entry, or null outside git. */
export async function findGitTop(dir: string): Promise<string | null> {
  let current = path.resolve(dir);
  for (;;) {
    if (await exists(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/**
 * The rules that apply to the entries of `dir` from above it: `.git/info/exclude` and every
 * `.gitignore` from the top of the git work tree (or from `floor` outside git) down to the
 * parent of `dir`, outermost first. `dir`'s own `.gitignore` is left to the walk.
 */
export async function rulesAbove(dir: string, floor: string): Promise<IgnoreStack> {
  const start = path.resolve(dir);
  const gitTop = await findGitTop(start);
  const top = gitTop ?? path.resolve(floor);
  let stack = IgnoreStack.empty();
  if (gitTop) stack = stack.push(rebase(gitTop, await readRuleSet(path.join(gitTop, '.git', 'info'), 'exclude')));
  const rel = path.relative(top, start);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return stack;
  let current = top;
  for (const segment of rel.split(path.sep)) {
    stack = stack.push(await readRuleSet(current));
    current = path.join(current, segment);
  }
  return stack;
}

/** `.git/info/exclude` patterns are relative to the work tree top, not to `.git/info`. */
function rebase(base: string, set: IgnoreRuleSet | null): IgnoreRuleSet | null {
  return set ? { ...set, base } : null;
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
