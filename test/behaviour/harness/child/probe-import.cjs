'use strict';
/**
 * Imports one module (argv[2]; `--esm` to use import()) and reports over IPC whether doing so
 * called `listen` on any server: `{ type: 'probe', listenCalls, error }`. Then exits, whatever
 * the module left running.
 */
const { pathToFileURL } = require('node:url');

async function main() {
  const file = process.argv[2];
  const esm = process.argv.includes('--esm');
  let error = null;
  try {
    if (esm) await import(pathToFileURL(file).href);
    else require(file);
  } catch (e) {
    error = e && e.stack ? e.stack : String(e);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const listenCalls = globalThis.__lambdashiftListenCalls || [];
  process.send({ type: 'probe', listenCalls, error }, () => process.exit(0));
}

main();
