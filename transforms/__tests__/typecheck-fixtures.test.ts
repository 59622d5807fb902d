/**
 * Every TypeScript fixture must compile under `--strict`, before and after its transform:
 * extraction loses the contextual typing of inline handlers, and guards must stay valid for the
 * module system (no `import.meta` in a file compiled to CommonJS). Missing modules (a fixture's
 * own `./auth` and the like) are the only errors ignored.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { FIXTURES } from './fixture-harness';

interface TsCase {
  file: string;
  esm: boolean;
}

function tsCases(): TsCase[] {
  const out: TsCase[] = [];
  for (const transform of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, transform);
    for (const f of fs.readdirSync(dir).sort()) {
      const m = /^(.*)\.(input|output)\.(ts|tsx|mts|cts)$/.exec(f);
      if (!m) continue;
      const optionsFile = path.join(dir, `${m[1]}.options.json`);
      const options = fs.existsSync(optionsFile) ? (JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as { moduleSystem?: string }) : {};
      out.push({ file: path.join(dir, f), esm: options.moduleSystem === 'esm' || m[3] === 'mts' });
    }
  }
  return out;
}

function compile(files: string[], esm: boolean): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: esm ? ts.ModuleKind.ES2022 : ts.ModuleKind.CommonJS,
    moduleResolution: esm ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    jsx: ts.JsxEmit.ReactJSX,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.code !== 2307 && d.file && files.includes(path.resolve(d.file.fileName)))
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${path.relative(FIXTURES, d.file!.fileName)}:${line + 1}:${character + 1} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

const cases = tsCases();

it('finds TypeScript fixtures', () => {
  expect(cases.length).toBeGreaterThanOrEqual(6);
});

it.each([false, true])('TypeScript fixtures compile with --strict (esm: %s)', (esm) => {
  const files = cases.filter((c) => c.esm === esm).map((c) => c.file);
  expect(files.length).toBeGreaterThan(0);
  expect(compile(files, esm)).toEqual([]);
});

it('the check catches a handler that lost its contextual typing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-typecheck-'));
  fs.symlinkSync(path.join(FIXTURES, '..', '..', 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  try {
    const file = path.join(dir, 'lost-typing.ts');
    fs.writeFileSync(file, "import express from 'express';\nexport const getUsers = (req, res) => res.send('x');\nexpress().get('/users', getUsers);\n");
    expect(compile([file], false).join('\n')).toMatch(/TS7006/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
