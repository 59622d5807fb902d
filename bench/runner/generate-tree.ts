import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `count` TypeScript files that look like a real service: modules of models, services,
 * controllers and utilities importing each other, with interfaces, enums, classes, generics,
 * async code and varied sizes (a few dozen to several hundred lines). Deterministic for a seed,
 * so every run measures the same tree. Returns the total size in bytes.
 */
export function generateTree(root: string, count: number, seed = 42): number {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const kinds = ['model', 'service', 'controller', 'util', 'repository'] as const;
  const perModule = 20;
  let bytes = 0;

  for (let i = 0; i < count; i++) {
    const moduleIndex = Math.floor(i / perModule);
    const kind = kinds[i % kinds.length];
    const name = `${kind}${i}`;
    const rel = path.join(`module${String(moduleIndex).padStart(3, '0')}`, `${name}.ts`);
    // Sizes skew small with a long tail, as in real code bases.
    const blocks = Math.min(60, 1 + Math.floor(-Math.log(1 - random()) * 10));
    const lines: string[] = [];

    lines.push(`/**\n * ${capitalise(name)}: generated benchmark module ${i} (${kind}).\n */`);
    lines.push(`import * as path from 'node:path';`);
    const imported = new Set<number>();
    for (let k = 0, imports = int(1, 5); k < imports && i > 0; k++) imported.add(int(0, i - 1));
    for (const other of imported) {
      const otherModule = Math.floor(other / perModule);
      const otherKind = kinds[other % kinds.length];
      const from = otherModule === moduleIndex ? `./${otherKind}${other}` : `../module${String(otherModule).padStart(3, '0')}/${otherKind}${other}`;
      lines.push(`import { ${capitalise(otherKind)}${other}, helper${other} } from '${from}';`);
    }
    lines.push('');

    for (let b = 0; b < blocks; b++) {
      const id = `${name}_${b}`;
      switch (pick(['interface', 'enum', 'class', 'function', 'async', 'generic', 'const'] as const)) {
        case 'interface':
          lines.push(`export interface Shape${id} {`);
          for (let f = 0, n = int(2, 8); f < n; f++) lines.push(`  field${f}${random() < 0.3 ? '?' : ''}: ${pick(['string', 'number', 'boolean', 'Date', 'string[]', 'Record<string, number>'])};`);
          lines.push('}', '');
          break;
        case 'enum':
          lines.push(`export enum State${id} {`);
          for (let f = 0, n = int(2, 6); f < n; f++) lines.push(`  Value${f} = '${id.toLowerCase()}-${f}',`);
          lines.push('}', '');
          break;
        case 'class':
          lines.push(`export class Entity${id} {`, `  private readonly items = new Map<string, number>();`, '');
          lines.push(`  constructor(private readonly name: string, protected count = ${int(0, 9)}) {}`, '');
          for (let m = 0, n = int(1, 5); m < n; m++) {
            lines.push(`  method${m}(input: string, limit = ${int(1, 100)}): number {`);
            lines.push(`    let total = this.count;`);
            lines.push(`    for (const [key, value] of this.items) {`);
            lines.push(`      if (key.startsWith(input) && value < limit) total += value * ${int(2, 9)};`);
            lines.push(`    }`);
            lines.push(`    return total > limit ? limit : total;`);
            lines.push(`  }`, '');
          }
          lines.push(`  get label(): string {`, `    return \`\${this.name}:\${this.count}\`;`, `  }`, '}', '');
          break;
        case 'function':
          lines.push(`export function compute${id}(values: readonly number[], mode: 'sum' | 'max' = 'sum'): number {`);
          lines.push(`  switch (mode) {`, `    case 'max':`, `      return values.reduce((a, b) => Math.max(a, b), -Infinity);`, `    default:`);
          lines.push(`      return values.reduce((a, b) => a + b, 0);`, `  }`, '}', '');
          break;
        case 'async':
          lines.push(`export async function load${id}(id: string, options?: { retries?: number }): Promise<string | undefined> {`);
          lines.push(`  const retries = options?.retries ?? ${int(1, 5)};`);
          lines.push(`  for (let attempt = 0; attempt < retries; attempt++) {`);
          lines.push(`    try {`, `      return await Promise.resolve(path.join('${id}', id));`);
          lines.push(`    } catch (error) {`, `      if (attempt === retries - 1) throw error;`, `    }`, `  }`, `  return undefined;`, '}', '');
          break;
        case 'generic':
          lines.push(`export function group${id}<T extends { key: string }>(items: T[]): Record<string, T[]> {`);
          lines.push(`  const out: Record<string, T[]> = {};`);
          lines.push(`  for (const item of items) (out[item.key] ??= []).push(item);`, `  return out;`, '}', '');
          break;
        case 'const':
          lines.push(`export const config${id} = {`, `  name: '${id}',`, `  enabled: ${random() < 0.5},`, `  weights: [${Array.from({ length: int(2, 8) }, () => int(0, 999)).join(', ')}],`, `} as const;`, '');
          break;
      }
    }
    lines.push(`export class ${capitalise(kind)}${i} {`, `  readonly id = ${i};`, '}', '');
    lines.push(`export const helper${i} = (x: number): number => x * ${int(2, 97)};`, '');

    const content = lines.join('\n');
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    bytes += Buffer.byteLength(content);
  }
  return bytes;
}

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** Small seeded PRNG, so the tree is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
