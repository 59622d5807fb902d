/**
 * `__dirname`, `__filename` and `import.meta.url` of an original module, written by a generated
 * module as a path from its own location (`ImportTable.modulePath`, `codeText`): run in Node,
 * the generated code computes the original module's values, in CommonJS and in ES modules.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportTable } from '../../src/emit/import-table';
import { codeText } from '../../src/emit/module-code';
import type { ModuleStyle } from '../../src/emit/module-style';
import type { ConditionCode } from '../../src/model/service-model';
import { makeTempDir, removeTempDirs } from '../behaviour/harness';

afterAll(removeTempDirs);

const join = { ref: { from: 'node:path', isPackage: true, exportName: 'join' } };
const dirnameOf = (file: string) => ({ modulePath: 'dirname' as const, file });
const VALUES: Record<string, ConditionCode> = {
  // path.join(__dirname, 'views')
  views: [join, '(', dirnameOf('src/app.js'), ", 'views')"],
  // path.join(__dirname, '..', 'custom', 'views')
  custom: [join, '(', dirnameOf('src/app.js'), ", '..', 'custom', 'views')"],
  // [__dirname, __filename, import.meta.url]
  own: ['[', dirnameOf('src/app.js'), ', ', { modulePath: 'filename', file: 'src/app.js' }, ', ', { modulePath: 'url', file: 'src/app.js' }, ']'],
  // a module at the root
  root: [dirnameOf('server.js')],
};

const STYLES: Array<[string, ModuleStyle, string]> = [
  ['CommonJS', { language: 'js', moduleSystem: 'cjs', extension: '.js', tsImportExtensions: false, defaultInterop: true }, '.cjs'],
  ['ES modules', { language: 'js', moduleSystem: 'esm', extension: '.js', tsImportExtensions: false, defaultInterop: true }, '.mjs'],
];

describe.each(STYLES)('%s', (_name, style, extension) => {
  it('computes the original module locations from the generated module, wherever the service is', () => {
    const root = makeTempDir('lambdashift-module-paths-');
    const module = `lambda/http/getRoot${extension}`;
    const imports = new ImportTable(module, style, ['app']);
    const lines = Object.entries(VALUES).map(([key, code]) => `values.${key} = ${codeText(code, imports)};`);
    const print = 'process.stdout.write(JSON.stringify(values));';
    const text = [...imports.render(), 'const values = {};', ...lines, print].join('\n');
    fs.mkdirSync(path.join(root, 'lambda/http'), { recursive: true });
    fs.writeFileSync(path.join(root, module), text);
    const got = JSON.parse(execFileSync(process.execPath, [path.join(root, module)], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(got).toEqual({
      views: path.join(root, 'src/views'),
      custom: path.join(root, 'custom/views'),
      own: [path.join(root, 'src'), path.join(root, 'src/app.js'), pathToFileURL(path.join(root, 'src/app.js')).href],
      root,
    });
    if (style.moduleSystem === 'cjs') expect(text).toContain("values.views = join(__dirname, '../../src/views');");
  });
});
