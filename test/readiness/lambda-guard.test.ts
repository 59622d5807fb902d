/**
 * Readiness and the Lambda guard: code under `if (!process.env.AWS_LAMBDA_FUNCTION_NAME)` (what
 * guard-listen / guard-startup write) or a main-module check never runs in a function; code in
 * the `else` branch, under the opposite test or outside the block does. `LambdaGuards` answers
 * for a location in the file as it is, judged in the text the migration leaves.
 */
import { ts } from 'ts-morph';
import { LambdaGuards, lambdaGuardAround } from '../../dist/src/readiness/lambda-guard';

const parse = (text: string): ts.SourceFile => ts.createSourceFile('app.js', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);

/** The guard around the first `setInterval` call after `marker`. */
function guardOf(text: string, marker = ''): string | undefined {
  const sf = parse(text);
  const at = text.indexOf('setInterval', text.indexOf(marker));
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.getStart(sf) === at) found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return lambdaGuardAround(found!, sf);
}

it('recognises the guards the migration writes and main-module checks, not their opposites', () => {
  expect(guardOf('if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  setInterval(f, 1000);\n}\n')).toBe('!process.env.AWS_LAMBDA_FUNCTION_NAME');
  expect(guardOf("if (!process.env['AWS_LAMBDA_FUNCTION_NAME']) setInterval(f, 1000);\n")).toBe("!process.env['AWS_LAMBDA_FUNCTION_NAME']");
  expect(guardOf('if (require.main === module) {\n  const wss = new Server();\n  wss.on("connection", () => setInterval(ping, 1000));\n}\n')).toBe('require.main === module');
  expect(guardOf('if (process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  setInterval(f, 1000);\n}\n')).toBeUndefined();
  expect(guardOf('if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  start();\n} else {\n  setInterval(f, 1000);\n}\n')).toBeUndefined();
  expect(guardOf('if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  start();\n}\nsetInterval(f, 1000);\n')).toBeUndefined();
  expect(guardOf('if (!process.env.DISABLE_TIMERS) {\n  setInterval(f, 1000);\n}\n')).toBeUndefined();
  // guard-listen's expression form, in the branch that runs outside Lambda only.
  expect(guardOf('db.sync().then(() => (process.env.AWS_LAMBDA_FUNCTION_NAME ? undefined : setInterval(f, 1000)));\n')).toBe('!process.env.AWS_LAMBDA_FUNCTION_NAME');
  expect(guardOf('const t = process.env.AWS_LAMBDA_FUNCTION_NAME ? setInterval(f, 1000) : undefined;\n')).toBeUndefined();
});

it('judges a location of the original file in the text the migration leaves', () => {
  const before = "const app = express();\napp.get('/a', (req, res) => res.send('a'));\nsetInterval(refresh, 1000);\nsetTimeout(warm, 10);\n";
  const after =
    "const app = express();\nexport const getA = (req, res) => res.send('a');\napp.get('/a', getA);\n" +
    'if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  setInterval(refresh, 1000);\n}\nsetTimeout(warm, 10);\n';
  const guards = new LambdaGuards((file: string) => (file === 'app.js' ? parse(before) : undefined), (file: string) => (file === 'app.js' ? after : undefined));
  expect(guards.at({ file: 'app.js', line: 3, column: 1 })).toBe('!process.env.AWS_LAMBDA_FUNCTION_NAME');
  expect(guards.at({ file: 'app.js', line: 4, column: 1 })).toBeUndefined();
  // Without the rewrite (`check`), the original text decides.
  expect(new LambdaGuards(() => parse(before)).at({ file: 'app.js', line: 3, column: 1 })).toBeUndefined();
});
