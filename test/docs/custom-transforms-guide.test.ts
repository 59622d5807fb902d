/**
 * Every command docs/custom-transforms.md tells a reader to run from a clone of this repository
 * works as written.
 *
 * The rule (also stated in a comment at the top of the guide):
 * - Commands to run from the repository root live in ```sh fenced blocks, one per line (a line
 *   ending in `\` continues on the next); blank lines and `#` comments are skipped. Commands
 *   for the reader's own project live in ```bash blocks and are not read here.
 * - `node bin/lambdashift.js …` is run from the repository root through a shell, exactly as
 *   written: it must exit 0, must not contain --write (the examples are not to be changed), and
 *   must pass the content checks of at least one entry of CHECKS below.
 * - `npx jest …` is not run (jest inside jest): each path argument must exist and, read as jest
 *   reads it (a regular expression over test paths), select at least one test file under
 *   jest.config.js's roots and testMatch, outside its testPathIgnorePatterns.
 * - `npm ci` and `npm run build` are the setup steps: not run; `build` must be a package.json script.
 * - Anything else in a ```sh block fails the test.
 *
 * The CLI runs from dist/: run `npm run build` (or `npm test`, whose pretest does) first.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

const REPO = path.resolve(__dirname, '../..');
const GUIDE = path.join(REPO, 'docs/custom-transforms.md');

/** The commands of every ```sh block, continuation lines joined. */
function shCommands(markdown: string): string[] {
  const out: string[] = [];
  const blocks = markdown.matchAll(/^```sh[ \t]*\n([\s\S]*?)^```[ \t]*$/gm);
  for (const [, body] of blocks) {
    let pending = '';
    for (const raw of body!.split('\n')) {
      const line = raw.trim();
      if (!pending && (!line || line.startsWith('#'))) continue;
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1).trim()} `;
        continue;
      }
      out.push(`${pending}${line}`.trim());
      pending = '';
    }
    if (pending) out.push(pending.trim());
  }
  return out;
}

interface Run {
  stdout: string;
  stderr: string;
}

/** What a command's output must show; `when` picks the commands it applies to. */
const CHECKS: Array<{ when: RegExp; check(run: Run): void }> = [
  {
    // The Powertools transform alone, default options.
    when: /--transform \S*powertools-logger\.ts$/,
    check: ({ stdout }) => {
      expect(stdout).toContain("+import { Logger } from '@aws-lambda-powertools/logger';");
      expect(stdout).toContain("+const logger = new Logger({ serviceName: '@lambdashift-examples/express-ts-service' });");
      expect(stdout).toContain('+export const handler: typeof httpHandler = async (event, context) => {');
      expect(stdout).toContain('+  logger.addContext(context);');
      expect(stdout).toContain('+    "@aws-lambda-powertools/logger": "^2.36.0",');
      expect(stdout).toContain('+      POWERTOOLS_SERVICE_NAME: "@lambdashift-examples/express-ts-service"');
    },
  },
  {
    // The Powertools transform with options from its config.
    when: /--config \S*powertools-logger\/lambdashift\.config\.json$/,
    check: ({ stdout }) => {
      expect(stdout).toContain("+const logger = new Logger({ serviceName: 'accounts' });");
      expect(stdout).toContain('+      POWERTOOLS_LOG_LEVEL: DEBUG');
      expect(stdout).toContain('+      POWERTOOLS_SERVICE_NAME: accounts');
    },
  },
  {
    // team-naming with its config.
    when: /--config \S*team-naming\/lambdashift\.config\.json$/,
    check: ({ stdout, stderr }) => {
      expect(stdout).toContain('+++ b/lambda/http/users-get-api-users-id.ts');
      expect(stdout).toContain('+  users-get-api-users-id:');
      expect(stdout).not.toMatch(/getHealth|getApiV1|b\/src\/routes\/health\.ts/);
      expect(stderr).toContain('info: getHealth stays on the old service: kept by "GET /health/**" (team-naming) [transform/skipped]');
      expect(stderr).toContain('info: getApiV1Users stays on the old service: kept by "/api/v1/**" (team-naming) [transform/skipped]');
      // 11 route functions and the whole-app fallback.
      expect(stderr).toMatch(/; 12 functions; 7 info;/);
    },
  },
  {
    // Both, as a JSON report.
    when: /team-naming\/lambdashift\.config\.json --transform \S*powertools-logger\.ts --format json$/,
    check: ({ stdout }) => {
      const report = JSON.parse(stdout) as { functions: Array<{ name: string; module: string }>; files: Array<{ path: string; status: string }> };
      const names = [...new Set(report.functions.map((f) => f.name))];
      expect(names).toHaveLength(12);
      expect(names.filter((n) => !n.startsWith('users-'))).toEqual([]);
      expect(report.files).toContainEqual({ path: 'lambda/http/users-get-api-users-id.ts', status: 'created' });
      expect(report.files.map((f) => f.path)).not.toContain('src/routes/health.ts');
    },
  },
];

const jestConfig = require(path.join(REPO, 'jest.config.js')) as { roots: string[]; testMatch: string[]; testPathIgnorePatterns?: string[] };
const atRoot = (p: string): string => p.replace('<rootDir>', REPO);

/** Every file jest would run, by its roots, testMatch and testPathIgnorePatterns. */
function jestTestFiles(): string[] {
  const match = picomatch(jestConfig.testMatch, { dot: true });
  const ignored = (jestConfig.testPathIgnorePatterns ?? []).map((p) => new RegExp(atRoot(p)));
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(abs);
      return match(abs) && !ignored.some((re) => re.test(abs)) ? [abs] : [];
    });
  return jestConfig.roots.map(atRoot).flatMap((root) => (fs.existsSync(root) ? walk(root) : []));
}

const commands = shCommands(fs.readFileSync(GUIDE, 'utf8'));
const cli = commands.filter((c) => c.startsWith('node bin/lambdashift.js '));
const jestRuns = commands.filter((c) => c.startsWith('npx jest '));
const SETUP = ['npm ci', 'npm run build'];

it('reads sh blocks only, skipping comments and joining continued lines', () => {
  const md = ['```sh', '# setup', 'npm ci', '', 'node bin/lambdashift.js migrate a \\', '  --format json', '```', '```bash', 'npx lambdashift new-transform x', '```'].join('\n');
  expect(shCommands(md)).toEqual(['npm ci', 'node bin/lambdashift.js migrate a --format json']);
});

it('has only commands this test knows how to check in its sh blocks', () => {
  expect(commands.filter((c) => !cli.includes(c) && !jestRuns.includes(c) && !SETUP.includes(c))).toEqual([]);
  expect(cli.length).toBeGreaterThanOrEqual(4);
  expect(jestRuns.length).toBeGreaterThanOrEqual(2);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.build).toBeDefined();
});

describe.each(cli)('%s', (command) => {
  it('exits 0 from the repository root and prints what the guide describes', () => {
    expect(fs.existsSync(path.join(REPO, 'dist/src/cli/main.js'))).toBe(true); // else: npm run build
    expect(command).not.toMatch(/--write\b/);
    const checks = CHECKS.filter((c) => c.when.test(command));
    expect(checks.length).toBeGreaterThan(0); // every command shown needs content checks here
    const run = spawnSync(command, { cwd: REPO, shell: true, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    for (const c of checks) c.check({ stdout: run.stdout, stderr: run.stderr });
  }, 60_000);
});

describe.each(jestRuns)('%s', (command) => {
  it('names test files jest runs', () => {
    const args = command.slice('npx jest '.length).split(/\s+/).filter((a) => a && !a.startsWith('-'));
    expect(args.length).toBeGreaterThan(0);
    const tests = jestTestFiles();
    for (const arg of args) {
      expect({ arg, exists: fs.existsSync(path.join(REPO, arg)) }).toEqual({ arg, exists: true });
      const selected = tests.filter((t) => new RegExp(arg).test(t));
      expect({ arg, selected: selected.length > 0 }).toEqual({ arg, selected: true });
    }
  });
});
