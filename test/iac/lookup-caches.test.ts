/**
 * The lookup caches that keep IaC emit linear on large services (bench:migrate): YamlFile's
 * per-map key index and EnvScanner's resolution cache must give the answers a fresh scan gives.
 */
import { EnvScanner } from '../../src/emit/iac';
import { YamlFile, isMap, type YAMLMap } from '../../src/emit/iac/yaml-doc';

describe('YamlFile key lookups', () => {
  it('finds keys added by its own edits and by direct edits of the map', () => {
    const file = YamlFile.open('functions:\n  a:\n    handler: a.handler\n');
    const functions = file.map(file.root, 'functions') as YAMLMap;
    expect(file.pair(functions, 'a')).toBeDefined();
    for (let i = 0; i < 50; i++) file.set(functions, `f${i}`, { handler: `f${i}.handler` });
    expect(functions.items).toHaveLength(51);
    for (let i = 0; i < 50; i++) expect(file.pair(functions, `f${i}`)?.value).toBeDefined();
    // Edits the index did not see: a pushed pair and a removed one.
    functions.items.push(file.doc.createPair('pushed', { handler: 'p.handler' }));
    expect(file.pair(functions, 'pushed')).toBeDefined();
    functions.items.splice(1, 1);
    expect(file.pair(functions, 'f0')).toBeUndefined();
    expect(file.set(functions, 'f0', { handler: 'again.handler' })).toBe(true);
    expect(functions.items.filter((p) => (p.key as { value?: unknown }).value === 'f0')).toHaveLength(1);
  });

  it('keeps set idempotent and deletes through the index', () => {
    const file = YamlFile.open(null);
    const functions = file.map(file.root, 'functions') as YAMLMap;
    expect(file.set(functions, 'x', { handler: 'x.handler' })).toBe(true);
    expect(file.set(functions, 'x', { handler: 'x.handler' })).toBe(false);
    expect(file.delete(functions, 'x')).toBe(true);
    expect(file.pair(functions, 'x')).toBeUndefined();
    expect(file.set(functions, 'x', { handler: 'y.handler' })).toBe(true);
    const value = file.pair(functions, 'x')?.value;
    expect(isMap(value) && value.toJSON()).toEqual({ handler: 'y.handler' });
  });
});

describe('EnvScanner resolution', () => {
  it('reads each imported module once however many generated modules import it', () => {
    const files: Record<string, string> = { 'src/routes/users.ts': 'export const h = () => process.env.TOKEN;\n' };
    for (let i = 0; i < 40; i++) files[`lambda/http/f${i}.ts`] = "import { h } from '../../src/routes/users';\nexport const handler = h;\n";
    const reads = new Map<string, number>();
    const scanner = new EnvScanner((rel) => {
      reads.set(rel, (reads.get(rel) ?? 0) + 1);
      return files[rel] ?? null;
    });
    for (let i = 0; i < 40; i++) expect(scanner.variablesReachedFrom(`lambda/http/f${i}.ts`)).toEqual(['TOKEN']);
    // One existence check while resolving, one read to scan it.
    expect(reads.get('src/routes/users.ts')).toBe(2);
    expect(reads.get('src/routes/users')).toBe(1);
  });
});
