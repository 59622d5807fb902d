import type { ViewEngine } from '../plan/view-engine';
import { commentText } from '../safety/escape';
import type { ConditionCode, HandlerModel, LocalsWrite, RegistrationCondition } from '../model/service-model';
import type { ImportTable } from './import-table';
import { isIdentifier, jsLiteral, memberAccess, quote } from './js-literal';

const MAX_LINE = 100;

/** `app.get('/x', a, b);` (or `app['m-search'](...)`), arguments one per line when it gets long. */
export function callStatement(target: string, method: string, args: string[]): string {
  const callee = isIdentifier(method) ? `${target}.${method}` : `${target}[${quote(method)}]`;
  const one = `${callee}(${args.join(', ')});`;
  if (one.length <= MAX_LINE) return one;
  return `${callee}(\n${args.map((a) => `  ${a},`).join('\n')}\n);`;
}

/** Expression for a handler in a generated module, registering what it imports. */
export function handlerExpression(h: HandlerModel, imports: ImportTable): string {
  if (h.source.kind === 'unsupported') throw new Error(`unsupported handler reached emit: ${h.text}`);
  if (h.source.kind === 'package-call') return `${imports.expression(h.source.ref)}(${h.source.args.map(jsLiteral).join(', ')})`;
  if (h.source.kind === 'call') {
    const args = h.source.args.map((a) => ('ref' in a ? imports.expression(a.ref) : jsLiteral(a.literal)));
    return `${imports.expression(h.source.ref)}(${args.join(', ')})`;
  }
  if (h.source.kind === 'instance') return `new ${imports.expression(h.source.ref, h.source.className)}()${h.source.member.map(memberAccess).join('')}`;
  return imports.expression(h.source.ref);
}

/** Conditions (outermost first) as one expression of the generated module, registering what they import. */
export function conditionExpression(conditions: RegistrationCondition[], imports: ImportTable): string {
  const one = (c: RegistrationCondition): string => {
    if (!c.code) throw new Error(`a condition no generated module can evaluate reached emit: ${c.text}`);
    const text = unwrapped(codeText(c.code, imports));
    // `!((a === b))` (an else branch of an inlined constant) → `!(a === b)`.
    return text.startsWith('!(') && isWrapped(text.slice(1)) && isWrapped(text.slice(2, -1)) ? `!${text.slice(2, -1)}` : text;
  };
  return conditions.length === 1 ? one(conditions[0]!) : conditions.map((c) => `(${one(c)})`).join(' && ');
}

/** Carried code (`scan/carried-code.ts`) as text of the generated module, registering what it imports. */
export function codeText(code: ConditionCode, imports: ImportTable): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const p = code[i]!;
    if (typeof p === 'string') out += p;
    else if ('modulePath' in p) out += imports.modulePath(p.modulePath, p.file);
    else {
      // `path.join(__dirname, 'views')` → `join(__dirname, '../../src/views')`, not `join(join(__dirname, '../../src'), 'views')`.
      const dir = code[i + 2];
      const rest = code[i + 3];
      if (p.ref.from === 'node:path' && p.ref.exportName === 'join' && !p.ref.member && code[i + 1] === '(' && typeof dir === 'object' && 'modulePath' in dir && dir.modulePath === 'dirname') {
        const literal = typeof rest === 'string' ? /^, (['"])([\w./-]*)\1/.exec(rest) : null;
        const joined = imports.dirnameArguments(dir.file, literal?.[2]);
        if (joined) {
          out += `${imports.expression(p.ref)}(${joined}`;
          i += 2;
          if (literal) {
            out += (rest as string).slice(literal[0].length);
            i++;
          }
          continue;
        }
      }
      out += imports.expression(p.ref);
    }
  }
  return out;
}

/** `app.set('views', <value>);` for a literal value or carried code. */
export function settingStatement(target: string, name: string, value: unknown, code: ConditionCode | undefined, imports: ImportTable): string {
  return callStatement(target, 'set', [quote(name), code ? codeText(code, imports) : jsLiteral(value)]);
}

/** `app.locals.title = config.siteName;` / `Object.assign(app.locals, helpers);`, under the original's conditions. */
export function localsStatement(target: string, write: LocalsWrite, imports: ImportTable): string {
  const lhs = `${target}.locals${write.member.map(memberAccess).join('')}`;
  const values = write.values.map((v) => codeText(v, imports));
  const statement = write.how === 'assign' ? `${lhs} = ${values[0]};` : callStatement('Object', 'assign', [lhs, ...values]);
  return guardedStatement(statement, write.conditions, imports);
}

/** Whether `s` is one parenthesized group, `( … )` (quoted text skipped). */
function isWrapped(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0 && i < s.length - 1) return false;
  }
  return depth === 0;
}

function unwrapped(s: string): string {
  while (isWrapped(s)) s = s.slice(1, -1);
  return s;
}

/**
 * `statement` made under the same conditions as in the original (unchanged when there are
 * none): `if (process.env.TRUST_PROXY) app.set('trust proxy', true);`, braces when it is long.
 */
export function guardedStatement(statement: string, conditions: RegistrationCondition[] | undefined, imports: ImportTable): string {
  if (!conditions?.length) return statement;
  const test = conditionExpression(conditions, imports);
  const one = `if (${test}) ${statement}`;
  if (!one.includes('\n') && one.length <= MAX_LINE) return one;
  return `if (${test}) {\n${statement.split('\n').map((l) => `  ${l}`).join('\n')}\n}`;
}

/**
 * `app.engine('.ejs', ejs.__express);`: the engines Express would `require()` when it first
 * renders (a require no bundler follows), registered with static imports instead.
 */
export function viewEngineLines(app: string, engines: ViewEngine[], imports: ImportTable): string[] {
  if (!engines.length) return [];
  const requires = engines.map((e) => `require('${commentText(e.package)}')`).join(', ');
  const lines = [`// Express would ${requires} when it first renders a view; bundled, only ${engines.length > 1 ? 'imports are' : 'an import is'} found.`];
  for (const engine of engines) {
    if (!engine.typed) imports.markUntyped(engine.package);
    const fn = imports.expression({ from: engine.package, isPackage: true, exportName: 'default', member: ['__express'] });
    lines.push(`${app}.engine(${quote(engine.extension)}, ${fn});`);
  }
  return lines;
}
