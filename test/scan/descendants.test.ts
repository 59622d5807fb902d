import { Project, SyntaxKind, type Node } from 'ts-morph';
import { callsAndNews, nodesOfKind, statementsWhere, declaresFromCall, wrappedOfKind } from '../../src/scan/descendants';

/**
 * The per-file index the scanners search instead of ts-morph's getDescendantsOfKind: the same
 * nodes in the same (source) order, and a fresh index when ts-morph re-parses the file.
 */
const SOURCE = `
import express = require('express');
const app = express(), router = express.Router();
class Api extends Base {
  handler = make(new Inner(a = b));
  constructor() { super(); this.app = express(); router.get('/x', (req, res) => res.json(f(g(1), new H()))); }
}
if (x) { const y = require('./y').z; y.w = 1; }
export default Router().use(a || (b = c));
const nested = () => { class Local {} return new Local(); };
`;

const KINDS = [SyntaxKind.CallExpression, SyntaxKind.NewExpression, SyntaxKind.BinaryExpression, SyntaxKind.VariableDeclaration, SyntaxKind.ClassDeclaration, SyntaxKind.ImportEqualsDeclaration, SyntaxKind.ExternalModuleReference] as const;
const where = (nodes: readonly Node[]) => nodes.map((n) => `${n.getKindName()}@${n.getStart()}`);

describe('descendants index', () => {
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile('/app.ts', SOURCE);

  test.each(KINDS.map((k) => [SyntaxKind[k], k] as const))('%s: the nodes getDescendantsOfKind finds, in its order', (_name, kind) => {
    const expected = sf.getDescendantsOfKind(kind);
    expect(expected.length).toBeGreaterThan(0);
    expect(where(wrappedOfKind(sf, kind))).toEqual(where(expected));
    // The wrappers are ts-morph's own (one per compiler node).
    expect(wrappedOfKind(sf, kind)[0]).toBe(expected[0]);
  });

  test('calls and `new` of a whole file interleave in source order; a filter sees compiler nodes', () => {
    const both = sf.getDescendants().filter((n) => n.getKind() === SyntaxKind.CallExpression || n.getKind() === SyntaxKind.NewExpression);
    expect(where(callsAndNews(sf))).toEqual(where(both));
    expect(callsAndNews(sf, (e) => e.getText() === 'express').map((n) => n.getText())).toEqual(['express()', 'express()']);
  });

  test('top-level statements by a compiler-level test', () => {
    expect(statementsWhere(sf, declaresFromCall).map((st) => st.getStartLineNumber())).toEqual([3]);
  });

  test('a file ts-morph re-parses is indexed again', () => {
    const other = project.createSourceFile('/other.ts', 'f(1);\n');
    expect(nodesOfKind(other, SyntaxKind.CallExpression)).toHaveLength(1);
    other.replaceWithText('f(1); g(2); new K();\n');
    expect(nodesOfKind(other, SyntaxKind.CallExpression)).toHaveLength(2);
    expect(where(callsAndNews(other))).toEqual(where([...other.getDescendantsOfKind(SyntaxKind.CallExpression), ...other.getDescendantsOfKind(SyntaxKind.NewExpression)]));
  });
});
