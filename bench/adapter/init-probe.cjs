'use strict';
// One cold start of bench:adapter, in a fresh `node` process: time to load a handler (module
// initialisation: require + wrapping) and to answer the first invocation, as Lambda's INIT
// and first INVOKE phases. Plain CommonJS with nothing else loaded, so only the handler's own
// module graph is measured. Prints one JSON line.
//
//   node init-probe.cjs <module|serverless-http|serverless-express> <file> <export> <event.json>
// `module`: <file> exports the handler (a generated function, or a bundle); the others wrap the
// app that <file> exports.
const started = process.hrtime.bigint();
const cpuAtStart = process.cpuUsage();
const { createRequire } = require('module');
const fs = require('fs');

const [adapter, file, exportName, eventFile] = process.argv.slice(2);
const load = createRequire(file);
let handler;
if (adapter === 'module') handler = load(file)[exportName];
else if (adapter === 'serverless-http') handler = load('serverless-http')(load(file));
else if (adapter === 'serverless-express') handler = load('@codegenie/serverless-express')({ app: load(file) });
else throw new Error(`unknown adapter ${adapter}`);
const loaded = process.hrtime.bigint();
const initCpu = process.cpuUsage(cpuAtStart);

const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
const context = { awsRequestId: 'cold-0001', functionName: 'bench-function', getRemainingTimeInMillis: () => 29000 };
const invoked = process.hrtime.bigint();
Promise.resolve(handler(event, context)).then(
  (result) => {
    const answered = process.hrtime.bigint();
    process.stdout.write(
      `${JSON.stringify({
        initMs: Number(loaded - started) / 1e6,
        initCpuMs: (initCpu.user + initCpu.system) / 1000,
        firstInvokeMs: Number(answered - invoked) / 1e6,
        statusCode: result.statusCode,
        rssMiB: process.memoryUsage().rss / 1048576,
        modules: Object.keys(require.cache).length,
      })}\n`,
    );
    // Keep-alive agents and timers of the app must not keep the probe alive.
    process.exit(0);
  },
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  },
);
