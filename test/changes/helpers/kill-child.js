'use strict';
/**
 * Child process of the kill test: builds a large ChangeSet and applies it with the real
 * writer, printing progress lines (`stage N TOTAL`, `commit N TOTAL`) so the parent knows
 * when to SIGKILL it. The writer's TypeScript sources are compiled on load with the
 * project's own `typescript` (transpile only), so no build output is needed or trusted.
 *
 * argv[2]: JSON { projectRoot, target, count, size, paceMs }. paceMs > 0 sleeps that long
 * after each staged and each committed file, so the parent's kill lands inside the phase it
 * waits for (on a busy machine the parent may read a progress line late; without a pace the
 * commit phase lasts a few milliseconds and staging may end before the kill arrives).
 */
const fs = require('node:fs');
const path = require('node:path');

const options = JSON.parse(process.argv[2]);
const ts = require(path.join(options.projectRoot, 'node_modules', 'typescript'));

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

const { ChangeSet } = require(path.join(options.projectRoot, 'src/changes/change-set.ts'));
const { applyChangeSet } = require(path.join(options.projectRoot, 'src/changes/writer.ts'));
const { planFiles, fileContent } = require('./kill-fixture.js');

const changes = new ChangeSet(options.target);
for (const file of planFiles(options.count)) {
  const before = fileContent(file.index, 'old', options.size);
  const after = fileContent(file.index, 'new', options.size);
  if (file.kind === 'create') changes.create(file.path, after);
  else if (file.kind === 'delete') changes.delete(file.path, before);
  else changes.modify(file.path, before, after);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
applyChangeSet(changes, {
  force: false,
  onProgress({ phase, done, total }) {
    fs.writeSync(1, `${phase} ${done} ${total}\n`);
    if (options.paceMs > 0) Atomics.wait(sleeper, 0, 0, options.paceMs);
  },
}).then(
  () => fs.writeSync(1, 'done\n'),
  (error) => {
    fs.writeSync(2, `${error.stack}\n`);
    process.exit(1);
  },
);
