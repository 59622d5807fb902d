/**
 * docs/readiness.md stays true: its rule reference (between the markers) is exactly what the
 * rule files say: each rule's id, title and default severity, the first paragraph of its doc
 * comment (what it finds), why and what to do instead. Regenerate after changing a rule with
 * `UPDATE_READINESS_DOCS=1 npx jest test/readiness/docs.test.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { READINESS_RULES } from '../../src/readiness/rules';

const REPO = path.join(__dirname, '..', '..');
const DOC = path.join(REPO, 'docs', 'readiness.md');
const BEGIN = '<!-- rules: generated from src/readiness/rules by test/readiness/docs.test.ts -->';
const END = '<!-- end of rules -->';

/** The first paragraph of a rule file's doc comment, without the `id:` lead. */
function whatItFinds(id: string): string {
  const text = fs.readFileSync(path.join(REPO, 'src', 'readiness', 'rules', `${id}.ts`), 'utf8');
  const comment = /^\/\*\*([\s\S]*?)\*\//.exec(text)![1]!;
  const lines = comment.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  const para: string[] = [];
  for (const line of lines.slice(lines[0]!.trim() === '' ? 1 : 0)) {
    if (line.trim() === '') break;
    para.push(line.trim());
  }
  return para.join(' ').replace(new RegExp(`^${id}: `), '');
}

function rulesSection(): string {
  const out = [BEGIN, ''];
  for (const r of READINESS_RULES) {
    out.push(`### ${r.id}`, '', `**${r.title}**, default severity \`${r.severity}\`.`, '', `Finds: ${whatItFinds(r.id)}`, '', `Why on Lambda: ${r.why}`, '', `Instead: ${r.instead}`, '');
  }
  out.push(END);
  return out.join('\n');
}

describe('docs/readiness.md', () => {
  it('lists every rule as the rule files describe it', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const expected = rulesSection();
    if (process.env.UPDATE_READINESS_DOCS) fs.writeFileSync(DOC, doc.slice(0, start) + expected + doc.slice(end + END.length));
    else expect(doc.slice(start, end + END.length)).toBe(expected);
  });

  it('every rule file has a doc comment saying what, why on Lambda and what to do', () => {
    for (const r of READINESS_RULES) {
      const text = fs.readFileSync(path.join(REPO, 'src', 'readiness', 'rules', `${r.id}.ts`), 'utf8');
      expect(text).toMatch(new RegExp(`^/\\*\\*\\n \\* ${r.id}: `));
      expect(text).toContain('Why on Lambda:');
      expect(text).toContain('Instead:');
    }
  });
});
