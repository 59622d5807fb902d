import * as path from 'node:path';
import { loadTransform, resolveTransformPath, TransformLoadError, transformFromExports } from '../../src/runner/load-transform';
import { FileTransformer } from '../../src/runner/transform-file';
import { compileAndEvaluate, typescriptCompiler } from '../../src/runner/compile-module';
import { makeTree, removeTree } from './temp-tree';

const transforms = path.join(__dirname, 'transforms');
const sink = { stats: () => undefined, report: () => undefined };

async function renameWith(spec: string): Promise<string | null> {
  const transformer = new FileTransformer(loadTransform(spec, transforms));
  return transformer.apply({ path: 'x.ts', source: 'const foo: number = foo + 1;\n', parser: 'ts' }, sink);
}

describe('loadTransform', () => {
  it.each([
    ['TypeScript ES module importing a TypeScript helper', 'rename-foo.ts'],
    ['CommonJS module.exports', 'rename-foo.cjs'],
    ['ES module default export (.mjs)', 'rename-foo.mjs'],
    ['CommonJS exports.default', 'rename-foo-default.js'],
    ['async transform', 'rename-foo-async.js'],
  ])('loads a %s', async (_label, file) => {
    expect(await renameWith(`./${file}`)).toBe('const bar: number = bar + 1;\n');
  });

  it('resolves a transform named without its extension', () => {
    expect(resolveTransformPath('./rename-foo', transforms)).toBe(path.join(transforms, 'rename-foo.ts'));
  });

  it('loads an ES module written in a .js file by compiling it', async () => {
    const dir = makeTree({
      'package.json': '{ "type": "module" }\n',
      't.js': "export default (file) => file.source.replace('a', 'b');\nexport const parser = 'tsx';\n",
    });
    try {
      const loaded = loadTransform('./t.js', dir);
      expect(loaded.parser).toBe('tsx');
      expect(await new FileTransformer(loaded).apply({ path: 'x.js', source: 'a', parser: 'babel' }, sink)).toBe('b');
    } finally {
      removeTree(dir);
    }
  });

  it('gives import.meta.url its real value in a compiled ES module', () => {
    const dir = makeTree({ 't.mjs': 'export default () => null;\nexport const url = import.meta.url;\n' });
    try {
      const exportsOf = compileAndEvaluate(path.join(dir, 't.mjs')) as { url: string };
      expect(exportsOf.url).toBe(`file://${path.join(dir, 't.mjs')}`);
    } finally {
      removeTree(dir);
    }
  });

  it('compiles TypeScript with the TypeScript compiler when esbuild is unavailable', async () => {
    const loaded = loadTransform('./rename-foo.ts', transforms, typescriptCompiler);
    const out = await new FileTransformer(loaded).apply({ path: 'x.ts', source: 'foo;\n', parser: 'ts' }, sink);
    expect(out).toBe('bar;\n');
  });

  it('honours a parser export', () => {
    expect(loadTransform('./ts-parser-export.js', transforms).parser).toBe('ts');
  });

  it('rejects a missing transform with a usage error', () => {
    expect(() => loadTransform('./does-not-exist.ts', transforms)).toThrow(TransformLoadError);
    expect(() => loadTransform('./does-not-exist.ts', transforms)).toThrow(/transform not found: .\/does-not-exist.ts/);
  });

  it('rejects a module that exports no function', () => {
    expect(() => loadTransform('./not-a-function.js', transforms)).toThrow(
      /does not export a transform function .* an object with keys transform/,
    );
  });

  it('rejects a module that fails while loading', () => {
    const dir = makeTree({ 'broken.ts': 'export default (() => {\n' });
    try {
      expect(() => loadTransform('./broken.ts', dir)).toThrow(TransformLoadError);
    } finally {
      removeTree(dir);
    }
  });

  it('rejects an unknown parser export', () => {
    expect(() => transformFromExports({ default: () => null, parser: 'coffee' }, 't.js')).toThrow(/unknown parser "coffee"/);
  });

  it('unwraps a doubly wrapped default export', () => {
    const fn = () => null;
    expect(transformFromExports({ default: { default: fn } }, 't.js').transform).toBe(fn);
  });
});
