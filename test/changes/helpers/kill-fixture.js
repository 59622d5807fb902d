'use strict';
/**
 * The tree of the kill test, shared by the test and the child process it kills: which
 * files exist, what the writer does to each, and their old and new content.
 */

/**
 * One entry per file: 90% are modified, 5% created in new directories, 5% deleted, spread
 * over a tree of packages and modules.
 */
function planFiles(count) {
  const files = [];
  for (let index = 0; index < count; index++) {
    const kind = index % 20 === 0 ? 'create' : index % 20 === 1 ? 'delete' : 'modify';
    const path =
      kind === 'create'
        ? `generated/fn-${index % 13}/handler-${index}.ts`
        : `packages/pkg-${index % 17}/src/mod-${index % 11}/file-${index}.ts`;
    files.push({ index, kind, path });
  }
  return files;
}

/**
 * `size` bytes (rounded up to whole lines) of distinct content per file and version. The
 * header names both, and old and new differ on every line, so a file cut short or mixing
 * old and new bytes matches neither version.
 */
function fileContent(index, version, size) {
  const header = `// file ${index}, ${version} version\n`;
  const line = `export const ${version}Value${index % 97} = '${version === 'old' ? 'o' : 'n'}'.repeat(64); // ${'-'.repeat(40)}\n`;
  return header + line.repeat(Math.ceil((size - header.length) / line.length));
}

module.exports = { planFiles, fileContent };
