import * as path from 'node:path';
import { Node, Project } from 'ts-morph';

/**
 * The public API is what `import { … } from 'lambdashift'` offers: every exported function and
 * class must carry a doc comment with a short example, so editors show how to use it.
 */
describe('public API documentation', () => {
  const project = new Project({ tsConfigFilePath: path.join(__dirname, '../../tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const index = project.addSourceFileAtPath(path.join(__dirname, '../../src/index.ts'));
  project.resolveSourceFileDependencies();

  const exported = [...index.getExportedDeclarations()].flatMap(([name, decls]) => decls.map((d) => ({ name, decl: d })));
  const callables = exported.filter(({ decl }) => Node.isFunctionDeclaration(decl) || Node.isClassDeclaration(decl) || (Node.isVariableDeclaration(decl) && /=>|function/.test(decl.getInitializer()?.getText().slice(0, 200) ?? '')));

  function docsOf(decl: Node): string {
    const holder = Node.isVariableDeclaration(decl) ? decl.getVariableStatement() : decl;
    if (!holder || !Node.isJSDocable(holder)) return '';
    return holder.getJsDocs().map((d) => d.getText()).join('\n');
  }

  it('exports a sizeable API', () => {
    expect(callables.length).toBeGreaterThan(20);
  });

  it('every exported function and class has a doc comment with an @example', () => {
    const missing = callables
      .filter(({ decl }) => !/@example/.test(docsOf(decl)))
      .map(({ name, decl }) => `${name} (${path.relative(path.join(__dirname, '../..'), decl.getSourceFile().getFilePath())})`);
    expect(missing).toEqual([]);
  });
});
