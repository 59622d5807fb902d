import { ChangeSet } from '../../src/changes/change-set';
import { lineEndingOf, matchTextFormat } from '../../src/changes/text-format';

describe('lineEndingOf', () => {
  it.each([
    ['a\nb\n', 'lf'],
    ['a\r\nb\r\n', 'crlf'],
    ['a\r\nb\n', 'mixed'],
    ['single line', 'none'],
    ['', 'none'],
    ['\n', 'lf'],
    ['\r\n', 'crlf'],
  ] as const)('%j is %s', (text, expected) => {
    expect(lineEndingOf(text)).toBe(expected);
  });
});

describe('matchTextFormat', () => {
  it('turns LF into CRLF when the original used CRLF throughout, without doubling existing CRs', () => {
    expect(matchTextFormat('a\r\nb\r\n', 'a\nb\r\nc\n')).toBe('a\r\nb\r\nc\r\n');
  });

  it('leaves LF, single-line and mixed originals alone', () => {
    expect(matchTextFormat('a\nb\n', 'x\r\ny\n')).toBe('x\r\ny\n');
    expect(matchTextFormat('one line', 'x\ny\n')).toBe('x\ny\n');
    expect(matchTextFormat('a\r\nb\n', 'x\ny\n')).toBe('x\ny\n');
  });

  it('keeps a BOM the original had, and does not add one it lacked', () => {
    expect(matchTextFormat('\uFEFFa\n', 'b\n')).toBe('\uFEFFb\n');
    expect(matchTextFormat('\uFEFFa\n', '\uFEFFb\n')).toBe('\uFEFFb\n');
    expect(matchTextFormat('a\n', 'b\n')).toBe('b\n');
  });
});

describe('ChangeSet.modify', () => {
  it('stores the content in the original format, so printers and the writer agree', () => {
    const changes = new ChangeSet('/project');
    const change = changes.modify('a.ts', '\uFEFFx\r\ny\r\n', 'x\nz\n');
    expect(change).toMatchObject({ status: 'modified', after: '\uFEFFx\r\nz\r\n' });
  });

  it('counts a rewrite that differs only in line endings or BOM as unchanged', () => {
    const changes = new ChangeSet('/project');
    expect(changes.modify('a.ts', '\uFEFFx\r\ny\r\n', 'x\ny\n').status).toBe('unchanged');
    expect(changes.upsert('b.ts', 'p\r\n', 'p\n').status).toBe('unchanged');
  });
});
