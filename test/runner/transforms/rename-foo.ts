// Sample TypeScript transform (ES module syntax, imports a TypeScript helper): renames `foo` to `bar`.
import type { API, FileInfo } from 'jscodeshift';
import { NEW_NAME } from './helpers/new-name';

export default function renameFoo(file: FileInfo, api: API): string {
  const j = api.jscodeshift;
  return j(file.source)
    .find(j.Identifier, { name: 'foo' })
    .forEach((p) => {
      p.node.name = NEW_NAME;
    })
    .toSource();
}
