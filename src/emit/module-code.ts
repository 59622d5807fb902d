import type { HandlerModel } from '../model/service-model';
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
