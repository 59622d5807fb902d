/**
 * remove-schedules cases that fixtures cannot hold well (CRLF and tab-indented text, exact
 * positions) or that pin down a single rule, plus the documented example and the offset rebasing
 * it relies on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import jscodeshift from 'jscodeshift';
import type { Transform } from 'jscodeshift';
import removeSchedules, { DEFAULT_NOTE } from '../remove-schedules';
import { type AnyNode, programBody } from '../lib/ast';
import { rebaseToSource } from '../lib/offsets';
import { runTransform } from './fixture-harness';

const NOTE = `// lambdashift: ${DEFAULT_NOTE}`;

function remove(file: string, source: string, options: Record<string, unknown> = {}): { output: string; reports: string[] } {
  const first = runTransform(removeSchedules as Transform, file, source, options);
  // Every case must also be stable when run again.
  expect(runTransform(removeSchedules as Transform, file, first.output, options).output).toBe(first.output);
  return first;
}

it('the documented example is what the transform does', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', 'remove-schedules.ts'), 'utf8');
  const doc = /\/\*\*([\s\S]*?)\*\//.exec(source)![1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  const codeAfter = (label: RegExp): string => {
    const lines: string[] = [];
    for (const line of doc.slice(doc.findIndex((l) => label.test(l)) + 1)) {
      if (line === '' && lines.length === 0) continue;
      if (line !== '' && !line.startsWith('    ')) break;
      lines.push(line.slice(4));
    }
    while (lines[lines.length - 1] === '') lines.pop();
    return `${lines.join('\n')}\n`;
  };
  const before = codeAfter(/^Before\b/);
  expect(before).toContain('cron.schedule(');
  expect(remove('example.js', before).output).toBe(codeAfter(/^After\b/));
});

it('keeps CRLF line endings and tab indentation byte for byte', () => {
  const source = [
    "const cron = require('node-cron');",
    "const { tick } = require('./tick');",
    '',
    'function later() {',
    '\tif (ready) {',
    '\t\ttick();\t// tab inside',
    '\t}',
    '}',
    '',
    "\tcron.schedule('* * * * *', tick); // every minute",
    "const task = cron.createTask('0 0 * * *', tick);",
    '// start it',
    'task.start();',
    '',
    'module.exports = { later };',
    '',
  ].join('\r\n');
  expect(remove('jobs.js', source).output).toBe([
    "const { tick } = require('./tick');",
    '',
    'function later() {',
    '\tif (ready) {',
    '\t\ttick();\t// tab inside',
    '\t}',
    '}',
    '',
    `\t${NOTE}`,
    NOTE,
    '',
    'module.exports = { later };',
    '',
  ].join('\r\n'));
});

it('matches `calls` columns as the author wrote them (a tab is one column)', () => {
  const source = "const cron = require('node-cron');\n\n\t\tcron.schedule('* * * * *', tick);\n";
  const { output, reports } = remove('jobs.js', source, { calls: [{ line: 3, column: 3, note: 'moved.' }] });
  expect(reports).toEqual([]);
  expect(output).toBe('\t\t// lambdashift: moved.\n');
});

it('does not comment out code that shares a line with a removed statement', () => {
  const source = [
    "const cron = require('node-cron');",
    "const t = cron.createTask('* * * * *', f); t.start(); other();",
    "before(); cron.schedule('0 * * * *', f)",
    "cron.schedule('1 * * * *', f); /* note */ after();",
    '',
  ].join('\n');
  expect(remove('jobs.js', source).output).toBe([`${NOTE}`, 'other();', `before(); ${NOTE}`, NOTE, '/* note */ after();', ''].join('\n'));
});

it('recognises the libraries imported under other names', () => {
  const source = [
    "import { schedule as every, createTask as task } from 'node-cron';",
    "import { scheduleJob as at } from 'node-schedule';",
    "import { CronJob as Job } from 'cron';",
    "import { tick } from './tick';",
    "every('* * * * *', tick);",
    "at('* * * * *', tick);",
    "const t = task('0 0 * * *', tick);",
    't.start();',
    "Job.from({ cronTime: '0 6 * * *', onTick: tick, start: true });",
    '',
  ].join('\n');
  expect(remove('jobs.ts', source).output).toBe(["import { tick } from './tick';", NOTE, NOTE, NOTE, NOTE, ''].join('\n'));
});

it('removes in one run a job whose only other use was in another removed job', () => {
  const source = [
    "const cron = require('node-cron');",
    "const a = cron.schedule('* * * * *', f);",
    "const b = cron.schedule('0 * * * *', g);",
    "a.on('execution:failed', () => b.stop());",
    '',
  ].join('\n');
  const { output, reports } = remove('jobs.js', source);
  expect(reports).toEqual([]);
  expect(output).toBe(`${NOTE}\n${NOTE}\n`);
});

it('keeps the note on one line, so it cannot turn into code', () => {
  const source = "const cron = require('node-cron');\ncron.schedule('* * * * *', f);\n";
  const { output } = remove('jobs.js', source, { calls: [{ line: 2, column: 1, note: 'moved.\nrequire("x")' }] });
  expect(output).toBe('// lambdashift: moved. require("x")\n');
});

it('removes the declaration when `calls` points at `task.start()`', () => {
  const source = "const cron = require('node-cron');\nconst task = cron.createTask('* * * * *', f);\ntask.start();\n";
  expect(remove('jobs.js', source, { calls: [{ line: 3, column: 1, note: 'moved.' }] }).output).toBe('// lambdashift: moved.\n');
});

it('skips a requested position that already holds a note (a repeated run)', () => {
  const source = "const cron = require('node-cron');\n// lambdashift: moved.\ncron.validate('* * * * *');\n";
  expect(remove('jobs.js', source, { calls: [{ line: 2, column: 1 }] })).toEqual({ output: source, reports: [] });
});

it('drops only the unused names of a destructuring require', () => {
  const source = [
    "const { CronJob, CronTime } = require('cron');",
    "new CronJob('* * * * *', f, null, true);",
    "new CronTime('* * * * *');",
    '',
  ].join('\n');
  expect(remove('jobs.js', source).output).toBe(["const { CronTime } = require('cron');", NOTE, "new CronTime('* * * * *');", ''].join('\n'));
});

it('leaves a job created but never started alone', () => {
  const source = "const { CronJob } = require('cron');\nconst idle = new CronJob('* * * * *', f);\nmodule.exports = { idle };\n";
  expect(remove('jobs.js', source)).toEqual({ output: source, reports: [] });
});

describe('rebaseToSource', () => {
  const starts = (parser: 'babel' | 'ts', source: string): Array<[string, number]> => {
    const program = jscodeshift.withParser(parser)(source).get().node.program as AnyNode;
    rebaseToSource(program, source);
    return programBody(program).map((s) => [source.slice(s.start, s.end), s.loc.start.column]);
  };

  it.each(['babel', 'ts'] as const)('maps %s offsets and columns back onto CRLF, tab-indented text', (parser) => {
    const source = 'if (a) {\r\n\tb();\r\n}\r\n\t\tc(); \td();\r\n\u2028e();\r\n';
    expect(starts(parser, source)).toEqual([['if (a) {\r\n\tb();\r\n}', 0], ['c();', 2], ['d();', 8], ['e();', 0]]);
  });

  it('leaves text recast copies unchanged alone', () => {
    expect(starts('babel', 'a();\n  b();\n')).toEqual([['a();', 0], ['b();', 2]]);
  });
});
