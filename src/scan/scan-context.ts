import * as path from 'node:path';
import type { Node, SourceFile } from 'ts-morph';
import { diagnostic, type Diagnostic, type Severity, type SourceLocation } from '../model/diagnostic';
import { identifiersIn } from '../plan/naming';

/** State shared by the detectors of one scan: the root, locations, diagnostics, name reservations. */
export class ScanContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Files the scan did not parse (too large, binary, too deeply nested...), by absolute path, with why; the scan's guard fills it. */
  notScanned: ReadonlyMap<string, { message: string }> = new Map();
  private readonly reserved = new Map<string, Set<string>>();

  /** @param onFileScanned called once per file a scanner's pass is done with (progress). */
  constructor(
    readonly root: string,
    private readonly onFileScanned?: () => void,
  ) {}

  /** A scanner pass finished one file. */
  fileScanned(): void {
    this.onFileScanned?.();
  }

  rel(sf: SourceFile | string): string {
    const file = typeof sf === 'string' ? sf : sf.getFilePath();
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  loc(node: Node): SourceLocation {
    const sf = node.getSourceFile();
    const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
    return { file: this.rel(sf), line, column };
  }

  report(severity: Severity, node: Node, message: string, code?: string): void {
    this.diagnostics.push(diagnostic(severity, this.loc(node), message, code));
  }

  private readonly claimed = new Map<string, Set<string>>();

  /** Whether this scan already gave `name` out in `sf` (independently of the file's text). */
  isClaimed(sf: SourceFile, name: string): boolean {
    return this.claimed.get(sf.getFilePath())?.has(name) ?? false;
  }

  claim(sf: SourceFile, name: string): void {
    const key = sf.getFilePath();
    (this.claimed.get(key) ?? this.claimed.set(key, new Set()).get(key)!).add(name);
    this.takenNames(sf).add(name);
  }

  /** Names taken in a file: every identifier in its text plus names this scan already gave out. */
  takenNames(sf: SourceFile): Set<string> {
    const key = sf.getFilePath();
    let set = this.reserved.get(key);
    if (!set) {
      set = identifiersIn(sf.getFullText());
      this.reserved.set(key, set);
    }
    return set;
  }
}
