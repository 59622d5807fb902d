import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Where a path really leads once symbolic links on the way are followed: a committed
 * `lambda -> /elsewhere` link makes `<root>/lambda/http/x.js` a file outside the service.
 * The writer refuses such targets, and the scanner reports source files they lead to.
 */
export class RootGuard {
  private readonly realRoot: Promise<string>;
  private readonly dirs = new Map<string, Promise<string>>();

  constructor(readonly root: string) {
    this.realRoot = fs.realpath(root);
  }

  /**
   * Null when `target` (absolute, under the root lexically) stays inside the real root;
   * otherwise the real location it leads to. A target that does not exist yet is judged by
   * its nearest existing ancestor, where it would be created.
   */
  async escape(target: string): Promise<string | null> {
    const realRoot = await this.realRoot;
    const real = await this.realLocation(target);
    return isInside(realRoot, real) ? null : real;
  }

  private async realLocation(target: string): Promise<string> {
    try {
      return await fs.realpath(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    const parent = path.dirname(target);
    if (parent === target) return target;
    let pending = this.dirs.get(parent);
    if (pending === undefined) {
      pending = this.realLocation(parent);
      this.dirs.set(parent, pending);
    }
    return path.join(await pending, path.basename(target));
  }
}

/** Whether `child` is `dir` or below it (both absolute and normalised). */
export function isInside(dir: string, child: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}
