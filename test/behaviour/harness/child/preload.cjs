'use strict';
/**
 * Preloaded (`node --require`) into every child process the behaviour harness starts.
 *
 * 1. TypeScript sources run as they are: `.ts`/`.cts` files are transpiled on require with
 *    esbuild (types erased, CommonJS, the project's own compilerOptions passed as
 *    `tsconfigRaw`), and an ESM loader does the same for `.ts`/`.mts` files of ESM packages.
 *    Transpiling file by file keeps the module graph as tsc output has it: every source file
 *    is its own module, loaded once, so modules that hold state are shared by their importers.
 * 2. Servers are observed: every `net.Server#listen` call is recorded (with the stack of the
 *    caller) and, once listening, reported to the parent over IPC as `{ type: 'listening' }`,
 *    so the harness finds the port without parsing log lines and can tell whether importing a
 *    module started a server.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');

const esbuild = require('esbuild');

const tsconfigRaw = process.env.LAMBDASHIFT_TSCONFIG_RAW ? JSON.parse(process.env.LAMBDASHIFT_TSCONFIG_RAW) : {};

/** `module` or `commonjs` for a `.ts` file: the nearest package.json `type`. */
function packageType(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (path.dirname(dir) === dir) return 'commonjs';
  }
}

function transpile(source, file, format) {
  return esbuild.transformSync(source, {
    loader: 'ts',
    format,
    target: `node${process.versions.node.split('.')[0]}`,
    sourcefile: file,
    sourcemap: 'inline',
    tsconfigRaw,
  }).code;
}

for (const ext of ['.ts', '.cts']) {
  Module._extensions[ext] = function loadTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(transpile(source, filename, 'cjs'), filename);
  };
}
process.setSourceMapsEnabled(true);

// tsconfig `paths` (`@/app` → src/app.ts), resolved as `node -r tsconfig-paths/register` and
// the bundlers resolve them, for services whose sources import through aliases (CommonJS).
if (tsconfigRaw.paths) {
  const baseUrl = path.resolve(process.cwd(), tsconfigRaw.baseUrl ?? '.');
  const patterns = Object.entries(tsconfigRaw.paths);
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWithPaths(request, ...rest) {
    if (!request.startsWith('.') && !path.isAbsolute(request)) {
      for (const [pattern, targets] of patterns) {
        const star = pattern.indexOf('*');
        const prefix = star < 0 ? pattern : pattern.slice(0, star);
        const suffix = star < 0 ? '' : pattern.slice(star + 1);
        const matches = star < 0 ? request === pattern : request.startsWith(prefix) && request.endsWith(suffix) && request.length >= prefix.length + suffix.length;
        if (!matches) continue;
        const captured = star < 0 ? '' : request.slice(prefix.length, request.length - suffix.length);
        for (const target of targets) {
          try {
            return originalResolve.call(this, path.join(baseUrl, target.replace('*', captured)), ...rest);
          } catch {
            // next target
          }
        }
      }
    }
    return originalResolve.call(this, request, ...rest);
  };
}

if (typeof Module.register === 'function') {
  Module.register(pathToFileURL(path.join(__dirname, 'ts-loader.mjs')).href, {
    data: { tsconfigRaw },
  });
}

// --- listen observer --------------------------------------------------------------------
const listenCalls = [];
globalThis.__lambdashiftListenCalls = listenCalls;
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function observedListen(...args) {
  const call = { args: args.filter((a) => typeof a !== 'function').map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a))), stack: new Error('listen').stack.split('\n').slice(2, 8).join('\n') };
  listenCalls.push(call);
  this.once('listening', () => {
    const address = this.address();
    call.port = address && typeof address === 'object' ? address.port : address;
    if (typeof process.send === 'function') process.send({ type: 'listening', port: call.port });
  });
  return originalListen.apply(this, args);
};

module.exports = { packageType, transpile };
