import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { IgnoreStack, readRuleSet, rulesAbove } from './gitignore-rules';
import { hasSourceExtension, isDeclarationFile, parserFor, type DefaultParser } from './source-extensions';

/** A source file selected for a run. */
export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the discovery root, POSIX separators. */
  rel: string;
  /** Parser chosen from the extension (see {@link parserFor}). */
  parser: DefaultParser;
}

export interface DiscoverOptions {
  /** Globs (picomatch, matched against the root-relative POSIX path); when given, a file must match one. */
  include?: readonly string[];
  /** Globs a file, or any directory above it, must not match. */
  exclude?: readonly string[];
  /** Called with the number of files found so far, as each one is found (for a progress line). */
  onFile?: (found: number) => void;
}

/**
 * Directory names never walked into: dependencies and build output, including what the deploy
 * tools the generated IaC uses write (serverless's `.serverless`, serverless-esbuild's
 * `.esbuild`, serverless-webpack's `.webpack`, `sam build`'s `.aws-sam`, `cdk synth`'s `cdk.out`):
 * they hold bundles and copies of the sources, which a second run would otherwise read as code.
 */
export const DEFAULT_EXCLUDED_DIRECTORIES: readonly string[] = ['node_modules', 'dist', 'build', 'coverage', '.serverless', '.esbuild', '.webpack', '.aws-sam', 'cdk.out'];

/** A path argument that does not exist or lies outside the root: a usage error. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

const NEVER_WALKED = new Set(['.git', ...DEFAULT_EXCLUDED_DIRECTORIES]);

/**
 * Finds the source files to process under `root`. `paths` (absolute or relative to `root`,
 * all inside it; empty means `root` itself) may name directories or files:
 *
 * - Directories are walked. Every `.gitignore` met on the way applies to its own directory
 *   (deeper files override shallower ones, `!` re-includes), as do the `.gitignore` files above
 *   the walk up to the git work-tree top and `.git/info/exclude`. Walking skips `.git`,
 *   {@link DEFAULT_EXCLUDED_DIRECTORIES}, declaration files, symbolic links and files whose
 *   extension is not in `SOURCE_EXTENSIONS`.
 * - Naming a path is a deliberate choice, so a named file is taken whatever its extension
 *   (parsed as JavaScript unless it is TypeScript) and even when ignored; a named directory is
 *   walked even when it is ignored or default-excluded, with only the rules inside it applying.
 * - `include`/`exclude` apply to everything, named files included.
 *
 * The result is sorted by relative path and has no duplicates.
 */
export async function discoverFiles(
  root: string,
  paths: readonly string[],
  options: DiscoverOptions = {},
): Promise<DiscoveredFile[]> {
  const absRoot = path.resolve(root);
  const filter = new PathFilter(options);
  const found = new Map<string, DiscoveredFile>();
  const targets = paths.length > 0 ? paths : [absRoot];

  await Promise.all(
    targets.map(async (target) => {
      const abs = path.resolve(absRoot, target);
      const rel = relativeTo(absRoot, abs);
      if (rel === null) throw new DiscoveryError(`${target} is outside the target root ${absRoot}`);
      const stat = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR') throw new DiscoveryError(`${target} does not exist`);
        throw err;
      });
      if (filter.excludesWithAncestors(rel)) return;
      if (stat.isDirectory()) {
        const above = await rulesAbove(abs, absRoot);
        const stack = above.ignores(abs, true) ? IgnoreStack.empty() : above;
        await walk(abs, stack, { root: absRoot, filter, found, ...(options.onFile ? { onFile: options.onFile } : {}) });
      } else if (filter.includes(rel)) {
        found.set(abs, { path: abs, rel, parser: parserFor(abs) });
      }
    }),
  );

  return [...found.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

interface WalkContext {
  root: string;
  filter: PathFilter;
  found: Map<string, DiscoveredFile>;
  onFile?: (found: number) => void;
}

async function walk(dir: string, inherited: IgnoreStack, ctx: WalkContext): Promise<void> {
  const entries: Dirent[] = await fs.readdir(dir, { withFileTypes: true });
  // Only read .gitignore where readdir showed one: no failed open() per directory.
  const hasGitignore = entries.some((e) => e.name === '.gitignore' && e.isFile());
  const stack = hasGitignore ? inherited.push(await readRuleSet(dir)) : inherited;
  const subdirs: string[] = [];

  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (NEVER_WALKED.has(entry.name) || stack.ignores(abs, true)) continue;
      if (ctx.filter.excludes(posixRelative(ctx.root, abs))) continue;
      subdirs.push(abs);
    } else if (entry.isFile()) {
      if (!hasSourceExtension(entry.name) || isDeclarationFile(entry.name)) continue;
      if (stack.ignores(abs, false)) continue;
      const rel = posixRelative(ctx.root, abs);
      if (ctx.filter.excludes(rel) || !ctx.filter.includes(rel)) continue;
      ctx.found.set(abs, { path: abs, rel, parser: parserFor(abs) });
      ctx.onFile?.(ctx.found.size);
    }
  }
  await Promise.all(subdirs.map((sub) => walk(sub, stack, ctx)));
}

/** --include / --exclude globs, matched against root-relative POSIX paths. */
class PathFilter {
  private readonly include: ((p: string) => boolean) | null;
  private readonly exclude: ((p: string) => boolean) | null;

  constructor(options: DiscoverOptions) {
    const compile = (globs: readonly string[] | undefined) =>
      globs && globs.length > 0 ? picomatch([...globs], { dot: true }) : null;
    this.include = compile(options.include);
    this.exclude = compile(options.exclude);
  }

  includes(rel: string): boolean {
    return this.include === null || this.include(rel);
  }

  excludes(rel: string): boolean {
    return this.exclude !== null && rel !== '' && this.exclude(rel);
  }

  /** Like {@link excludes}, also true when a directory above `rel` is excluded. */
  excludesWithAncestors(rel: string): boolean {
    if (this.exclude === null) return false;
    for (let p = rel; p !== ''; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
      if (this.exclude(p)) return true;
    }
    return false;
  }
}

function posixRelative(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/** Root-relative POSIX path, or null when `abs` lies outside `root`. */
function relativeTo(root: string, abs: string): string | null {
  const rel = posixRelative(root, abs);
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return null;
  return rel;
}
