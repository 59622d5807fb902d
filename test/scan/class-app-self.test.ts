/**
 * How the whole-app fallback reaches an app on a class field (src/scan/class-app-self.ts): the
 * one module-level instance, exported by the rewrite when it is not, or why it cannot.
 */
import { discoverFiles } from '../../src/discover';
import type { HandlerSource } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

const APP = `const express = require('express');
class App {
  constructor() {
    this.app = express();
    this.app.get('/', (req, res) => res.send('ok'));
  }
  listen() { this.app.listen(3000); }
  start() { this.listen(); this.app.listen(3001); }
}
module.exports = { App };
`;

async function selfOf(files: Record<string, string>): Promise<HandlerSource> {
  const root = writeProject({ 'package.json': '{"name":"svc","main":"server.js","dependencies":{"express":"^5"}}', 'app.js': APP, ...files });
  const found = await discoverFiles(root, [], {});
  const model = await scanService({ root, files: found.map((f) => f.path) });
  return model.apps[0]!.self!.source;
}

describe('class field apps: what the fallback imports', () => {
  it('exports the instance the entry creates and reads its field', async () => {
    expect(await selfOf({ 'server.js': `const { App } = require('./app');\nconst app = new App();\napp.listen();\n` })).toEqual({
      kind: 'export',
      file: 'server.js',
      localName: 'app',
      ref: { from: 'server.js', isPackage: false, exportName: 'app', member: ['app'] },
    });
  });

  it('imports an exported instance, or the exported app itself', async () => {
    expect(await selfOf({ 'server.js': `const { App } = require('./app');\nmodule.exports = new App();\n` })).toEqual({
      kind: 'import',
      ref: { from: 'server.js', isPackage: false, exportName: 'default', member: ['app'] },
    });
    expect(await selfOf({ 'server.js': `const { App } = require('./app');\nmodule.exports = new App().app;\n` })).toEqual({
      kind: 'import',
      ref: { from: 'server.js', isPackage: false, exportName: 'default' },
    });
  });

  it.each([
    ['several instances', `const a = new App();\nconst b = new App();\n`, /several `App` instances \(server\.js:2, server\.js:3\)/],
    ['an instance made in a function', `function main() { new App().listen(); }\nmain();\n`, /whose instance is created inside a function at server\.js:2/],
    ['an instance started by another method', `const app = new App();\napp.start();\n`, /started by `app\.start\(\)`, which the Lambda listen guard/],
    ['no instance', ``, /no module-level `new App\(\.\.\.\)` was found/],
  ])('says why it cannot: %s', async (_name, code, reason) => {
    const source = await selfOf({ 'server.js': `const { App } = require('./app');\n${code}` });
    expect(source.kind === 'unsupported' && source.reason).toMatch(reason);
  });
});
