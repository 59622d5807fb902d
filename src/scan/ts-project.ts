import { Project, ts } from 'ts-morph';

/**
 * A ts-morph project over the given files. JavaScript is included (allowJs) so CommonJS
 * `require`/`module.exports` resolve across files; nothing is type-checked, only bound and
 * resolved, which keeps large services fast.
 */
export function createTsProject(files: string[]): Project {
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
    },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
  for (const file of files) project.addSourceFileAtPath(file);
  return project;
}
