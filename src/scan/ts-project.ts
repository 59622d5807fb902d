import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts, type FileSystemHost } from 'ts-morph';

/**
 * The project's own module-resolution options, read from its tsconfig.json (or jsconfig.json)
 * with TypeScript's parser, so `extends` chains, `paths`, `baseUrl` and `rootDirs` resolve the
 * way the project's toolchain resolves them. Only resolution options are taken: the scan never
 * type-checks or emits.
 */
export function projectResolutionOptions(root: string): ts.CompilerOptions {
  const config = ['tsconfig.json', 'jsconfig.json'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  if (!config) return {};
  const parsed = ts.getParsedCommandLineOfConfigFile(config, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  const o = parsed?.options ?? {};
  const out: ts.CompilerOptions = {};
  // `rootDir`/`outDir`/`declarationDir` map a package.json `exports` target in the build output
  // (`./dist/routes/*.js`) back to its source when the service imports itself by name.
  const keys = ['paths', 'baseUrl', 'rootDirs', 'rootDir', 'outDir', 'declarationDir', 'customConditions', 'allowImportingTsExtensions', 'resolvePackageJsonImports', 'resolvePackageJsonExports'] as const;
  for (const key of keys) {
    if (o[key] !== undefined) (out as Record<string, unknown>)[key] = o[key];
  }
  // `paths` without `baseUrl` are relative to the config that declares them.
  if (o.paths && !o.baseUrl && o.pathsBasePath === undefined) out.baseUrl = path.dirname(config);
  if (o.pathsBasePath !== undefined) (out as Record<string, unknown>).pathsBasePath = o.pathsBasePath;
  const mr = o.moduleResolution;
  if (mr === ts.ModuleResolutionKind.Node16 || mr === ts.ModuleResolutionKind.NodeNext) {
    out.moduleResolution = mr;
    out.module = mr === ts.ModuleResolutionKind.Node16 ? ts.ModuleKind.Node16 : ts.ModuleKind.NodeNext;
  }
  return out;
}

/**
 * A ts-morph project over the given files. JavaScript is included (allowJs) so CommonJS
 * `require`/`module.exports` resolve across files; nothing is type-checked, only bound and
 * resolved, which keeps large services fast.
 * Module resolution follows the project's tsconfig (`paths`, `baseUrl`, `rootDirs`, node16);
 * otherwise `bundler`, which resolves what Node and TypeScript runners do for an application:
 * package.json `imports`/`exports`, index files, extensionless and `.js` → `.ts` specifiers.
 * Only the given files are parsed up front; imported files are loaded on demand.
 */
export function createTsProject(files: Array<{ path: string; text: string }>, root?: string, fileSystem?: FileSystemHost): Project {
  const project = new Project({
    compilerOptions: {
      allowJs: true,
      checkJs: false,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      esModuleInterop: true,
      jsx: ts.JsxEmit.Preserve,
      skipLibCheck: true,
      noLib: true,
      types: [],
      // Symbolic links keep their own path, so one leading outside the root can be reported.
      preserveSymlinks: true,
      ...(root ? projectResolutionOptions(root) : {}),
    },
    ...(fileSystem ? { fileSystem } : {}),
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
  // Files that import others (controllers, middleware) reach them through the program's own
  // module resolution, so only the candidate files are added, with the text already read.
  for (const file of files) project.createSourceFile(file.path, file.text, { overwrite: true });
  return project;
}
