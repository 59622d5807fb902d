/**
 * A guard's refusal is reported where the code is in the file as it is now, like every other
 * diagnostic: extraction above it (which adds lines) does not move the location or the lines
 * its reason names.
 */
import { rewriteFile } from '../../src/emit/rewrites';

it('reports a refused listen guard at its place in the original file', () => {
  const source = `const express = require('express');
const app = express();
app.get('/a', (req, res) => {
  res.send('a');
});
const server = app.listen(3000);
function stop() {
  server.close();
}
module.exports = { app, stop };
`;
  const out = rewriteFile(
    { file: 'app.js', extract: [{ line: 3, column: 15, exportName: 'getAHandler' }], exportNames: [], guardListen: true, scheduleCalls: [] },
    source,
    { moduleSystem: 'cjs', entry: true, keepSchedules: false },
  );
  expect(out.source).toContain('const getAHandler = (req, res) => {');
  expect(out.reports).toEqual(['6:16: cannot guard listen: `server` is also used on line 8, where it would be undefined once guarded; guard that code by hand']);
});
