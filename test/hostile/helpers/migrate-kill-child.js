'use strict';
/**
 * Child process of the hostile kill test: migrates a service with the built pipeline (dist/)
 * and applies it with the real writer, printing `phase done total` after each staged and each
 * committed file and pausing after each commit, so the parent's SIGKILL lands between renames.
 *
 * argv[2]: JSON { projectRoot, target, paceMs }.
 */
const fs = require('node:fs');
const path = require('node:path');

const { projectRoot, target, paceMs } = JSON.parse(process.argv[2]);
const { migrate } = require(path.join(projectRoot, 'dist/src/migrate/migrate.js'));
const { applyChangeSet } = require(path.join(projectRoot, 'dist/src/changes/writer.js'));

const sleeper = new Int32Array(new SharedArrayBuffer(4));
migrate({ root: target })
  .then((result) =>
    applyChangeSet(result.changes, {
      force: false,
      onProgress({ phase, done, total }) {
        fs.writeSync(1, `${phase} ${done} ${total}\n`);
        if (phase === 'commit') Atomics.wait(sleeper, 0, 0, paceMs);
      },
    }),
  )
  .then(
    () => fs.writeSync(1, 'done\n'),
    (error) => {
      fs.writeSync(2, `${error.stack}\n`);
      process.exit(1);
    },
  );
