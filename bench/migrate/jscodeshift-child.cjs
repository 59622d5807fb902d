'use strict';
// One timed jscodeshift run of bench:migrate, in its own process and in one thread, as
// `migrate` runs: every .ts file under <root>/src is read, parsed with jscodeshift's `ts`
// parser and printed back with recast (`j(source).toSource()`), the work every jscodeshift
// transform does at the least. Prints one JSON line: time, files, output size, peak RSS.
//
//   node jscodeshift-child.cjs <service root>
const fs = require('fs');
const path = require('path');

// Loaded before the clock starts, as migrate-child's modules are.
const j = require('jscodeshift').withParser('ts');

const root = process.argv[2];
const cpu = process.cpuUsage();
const started = performance.now();

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const files = walk(path.join(root, 'src'), []).sort();
let outputBytes = 0;
let changed = 0;
for (const file of files) {
  const source = fs.readFileSync(file, 'utf8');
  const printed = j(source).toSource();
  outputBytes += printed.length;
  if (printed !== source) changed++;
}
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024, files: files.length, outputBytes, changed })}\n`);
