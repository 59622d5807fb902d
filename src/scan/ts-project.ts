import { Project, ts, type FileSystemHost } from 'ts-morph';

/**
 * A ts-morph project over the given files. JavaScript is included (allowJs) so CommonJS
 * `require`/`module.exports` resolve across files; nothing is type-checked, only bound and
 * resolved, which keeps large services fast.
 * Only the given files are parsed up front; imported files are loaded on demand.
 */
export function createTsProject(files: Array<{ path: string; text: string }>, fileSystem?: FileSystemHost): Project {
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
