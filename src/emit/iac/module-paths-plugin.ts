/**
 * The esbuild plugin file serverless.yml names in `custom.esbuild.plugins` when the service's
 * code reads `__dirname`, `__filename` or `import.meta.url|dirname|filename`.
 *
 * Bundled, every module's `__dirname` is the bundle's folder (and `import.meta.url` the
 * bundle's URL), so `path.join(__dirname, 'views')` points into the function's handler folder,
 * where nothing is. The plugin gives each project module (outside node_modules) its original
 * location again, relative to the package root at run time: the bundle knows where it sits in
 * the package (serverless-esbuild writes `<handler dir>/<name>.js`, zipped at that path), so
 * a banner computes the root from the bundle's own location, and each module that names one
 * of those values gets `var` bindings for them (`<root>/src` for `src/app.js`). The files the
 * code reads are packaged at their original paths by `package.patterns` (`plan/assets.ts`).
 * Modules of the npm packages that find their own files by `__dirname` (`packages`, e.g.
 * `node_modules/swagger-ui-dist`, `scan/package-assets.ts`) get their installed location the
 * same way, and their folders are packaged too.
 *
 * It is plain CommonJS (serverless-esbuild `require`s it) using only Node built-ins, so it
 * deploys without lambdashift installed.
 */
import { GENERATED_MARKER } from '../header';

/** File name of the plugin, inside the output folder. */
export const MODULE_PATHS_PLUGIN_FILE = 'esbuild-plugins.cjs';

/** Root-relative path of the plugin file for `outDir`. */
export function modulePathsPluginPath(outDir: string): string {
  return `${outDir.replace(/\/+$/, '')}/${MODULE_PATHS_PLUGIN_FILE}`;
}

/**
 * Source of the plugin file written at `modulePathsPluginPath(outDir)`; `packages` are the
 * root-relative folders of npm packages whose modules keep their location too.
 */
export function modulePathsPluginSource(outDir: string, packages: readonly string[] = []): string {
  const depth = outDir.split('/').filter((s) => s && s !== '.').length;
  const up = depth ? Array.from({ length: depth }, () => '..').join('/') : '.';
  return `// ${GENERATED_MARKER} (esbuild plugins for serverless-esbuild: custom.esbuild.plugins).
// Re-run \`lambdashift migrate\` to update it; edits made here are overwritten.
//
// Bundled, __dirname / __filename / import.meta.url would name the bundle's folder; this plugin
// gives every project module its original location inside the deployed package, so
// path.join(__dirname, 'views') finds the views that package.patterns puts there (and the
// packages in PACKAGES, which find their own files by __dirname, find them where they are packaged).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** The service root (this file is in ${outDir}/). */
const ROOT = path.resolve(__dirname, ${JSON.stringify(up)});
/** npm packages (root-relative folders) that find their own files by __dirname; packaged at these paths. */
const PACKAGES = ${JSON.stringify(packages)};
const SOURCE = /\\.(?:[cm]?[jt]s|[jt]sx)$/;
const NAMES = /__dirname|__filename|import\\.meta\\.(?:url|dirname|filename)/;
// \`import.meta.*\` is replaced where it is code (comments and quoted strings are skipped). \`__dirname\`
// and \`__filename\` are not renamed but declared: the module's own \`var\` shadows the bundle's, so
// shorthand properties (\`{ __dirname }\`), template literals and parameters keep their meaning.
const META = /\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/|'(?:[^'\\\\\\n]|\\\\.)*'|"(?:[^"\\\\\\n]|\\\\.)*"|(?<![\\w$.])import\\.meta\\.(url|dirname|filename)(?![\\w$])/g;
// Shebang, leading comments and directives ('use strict') stay first.
const PROLOGUE = /^(?:#![^\\n]*\\n)?(?:\\s+|\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/|(['"])use strict\\1;?)*/;
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/** Whether the module declares the name itself (an ES module's \`const __dirname = ...\`). */
function declares(text, name) {
  return new RegExp('\\\\b(?:var|let|const|function|class)\\\\s+' + name + '\\\\b').test(text);
}

/** The module's text, its own location bound in place of the bundle's. */
function withOriginalPaths(text, rel) {
  const meta = { url: '__lambdashiftUrl', dirname: '__lambdashiftDirname', filename: '__lambdashiftFilename' };
  const body = text.replace(META, (match, property) => (property ? meta[property] : match));
  const dir = path.posix.dirname(rel);
  const bindings = [
    '__lambdashiftDirname = __lambdashiftRoot' + (dir === '.' ? '' : ' + ' + JSON.stringify('/' + dir)),
    '__lambdashiftFilename = __lambdashiftRoot + ' + JSON.stringify('/' + rel),
    '__lambdashiftUrl = __lambdashiftFileUrl(__lambdashiftFilename)',
  ];
  if (/__dirname/.test(body) && !declares(body, '__dirname')) bindings.push('__dirname = __lambdashiftDirname');
  if (/__filename/.test(body) && !declares(body, '__filename')) bindings.push('__filename = __lambdashiftFilename');
  const prologue = PROLOGUE.exec(body)[0];
  // On the prologue's last line: line numbers stay those of the source.
  return prologue + 'var ' + bindings.join(', ') + ';' + body.slice(prologue.length);
}

/** Where the bundle sits relative to the service root: where serverless-esbuild puts it in the package. */
function bundleToRoot(options) {
  const entries = Array.isArray(options.entryPoints) ? options.entryPoints : Object.values(options.entryPoints || {});
  const first = entries[0];
  const entry = typeof first === 'string' ? first : first && first.in;
  if (!entry) return '.';
  const dir = path.dirname(path.resolve(options.absWorkingDir || process.cwd(), entry));
  return path.relative(dir, ROOT).split(path.sep).join('/') || '.';
}

const originalPaths = {
  name: 'lambdashift-original-paths',
  setup(build) {
    const options = build.initialOptions;
    const up = JSON.stringify(bundleToRoot(options) + '/');
    const banner =
      options.format === 'esm'
        ? 'import { fileURLToPath as __lambdashiftPath, pathToFileURL as __lambdashiftFileUrlOf } from "node:url"; ' +
          'const __lambdashiftRoot = __lambdashiftPath(new URL(' + up + ', import.meta.url)).replace(/[\\\\\\\\/]$/, ""); ' +
          'const __lambdashiftFileUrl = (file) => __lambdashiftFileUrlOf(file).href;'
        : 'var __lambdashiftRoot = require("node:path").resolve(__dirname, ' + up + '); ' +
          'var __lambdashiftFileUrl = (file) => require("node:url").pathToFileURL(file).href;';
    const before = options.banner && options.banner.js;
    options.banner = Object.assign({}, options.banner, { js: before ? before + '\\n' + banner : banner });
    build.onLoad({ filter: SOURCE }, async (args) => {
      const rel = path.relative(ROOT, args.path);
      const posix = rel.split(path.sep).join('/');
      const own = !posix.split('/').includes('node_modules') || PACKAGES.some((dir) => posix.startsWith(dir + '/'));
      if (posix.startsWith('..') || path.isAbsolute(rel) || !own || args.path.endsWith('.d.ts')) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!NAMES.test(text)) return undefined;
      return { contents: withOriginalPaths(text, posix), loader: LOADERS[path.extname(args.path)] || 'js' };
    });
  },
};

module.exports = [originalPaths];
`;
}
