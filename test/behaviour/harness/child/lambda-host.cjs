'use strict';
/**
 * Hosts every generated handler of one migrated service in one process and invokes them on
 * request from the parent (IPC messages):
 *
 *   → { type: 'load', modules: [{ key, file, exportName, esm }] }
 *   ← { type: 'loaded', errors: [{ key, message }], listenCalls }
 *   → { type: 'invoke', id, key, functionName, event }
 *   ← { type: 'result', id, result } | { type: 'result', id, error }
 *
 * All functions share this process on purpose: in real Lambda each function has its own
 * memory, but the sample services keep their data in module-level stores that stand in for a
 * database, and a request table that creates a record with one function and reads it with
 * another only makes sense when they share it.
 *
 * Each invocation gets a context shaped like the Node.js runtime's (30 s timeout).
 */
const { randomUUID } = require('node:crypto');
const { pathToFileURL } = require('node:url');

const handlers = new Map();

function context(functionName) {
  const deadline = Date.now() + 30000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2024/01/01/[$LATEST]${randomUUID().replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

async function load(modules) {
  const errors = [];
  for (const m of modules) {
    try {
      const ns = m.esm ? await import(pathToFileURL(m.file).href) : require(m.file);
      const fn = ns[m.exportName];
      if (typeof fn !== 'function') throw new Error(`${m.file} has no function export ${m.exportName} (exports: ${Object.keys(ns).join(', ')})`);
      handlers.set(m.key, fn);
    } catch (error) {
      errors.push({ key: m.key, message: error && error.stack ? error.stack : String(error) });
    }
  }
  // Give a server started by an import time to bind before reporting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const listenCalls = globalThis.__lambdashiftListenCalls || [];
  return { errors, listenCalls };
}

async function invoke(msg) {
  const handler = handlers.get(msg.key);
  if (!handler) return { error: `no handler loaded for ${msg.key}` };
  try {
    // Lambda's Node runtime passes (event, context, callback) and awaits a returned promise.
    const result = await handler(msg.event, context(msg.functionName), () => {});
    return { result: result === undefined ? null : result };
  } catch (error) {
    return { error: error && error.stack ? error.stack : String(error) };
  }
}

process.on('message', (msg) => {
  if (msg.type === 'load') {
    load(msg.modules).then((out) => process.send({ type: 'loaded', ...out }));
  } else if (msg.type === 'invoke') {
    invoke(msg).then((out) => process.send({ type: 'result', id: msg.id, ...out }));
  } else if (msg.type === 'exit') {
    process.exit(0);
  }
});
process.send({ type: 'ready' });
