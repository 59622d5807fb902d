import * as path from 'node:path';
import { commonRoot, parseTransformOptions } from '../../src/cli/run';
import { makeTree, removeTree } from '../runner/temp-tree';

describe('parseTransformOptions', () => {
  it('parses JSON values, keeps other text as strings, and treats a bare key as true', () => {
    expect(parseTransformOptions(['quote=single', 'tabWidth=4', 'dry=false', 'printOptions={"quote":"double"}', 'flag', 'eq=a=b'])).toEqual({
      quote: 'single',
      tabWidth: 4,
      dry: false,
      printOptions: { quote: 'double' },
      flag: true,
      eq: 'a=b',
    });
  });

  it('rejects an empty key', () => {
    expect(() => parseTransformOptions(['=1'])).toThrow(/needs key=value/);
  });
});

describe('commonRoot', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTree({ 'a/x/f.ts': '', 'a/y/g.ts': '', 'b/h.ts': '', 'cwd/.keep': '' });
  });
  afterAll(() => removeTree(dir));

  it('is the working directory when every path lies inside it', () => {
    expect(commonRoot(dir, [path.join(dir, 'a'), path.join(dir, 'b/h.ts')])).toBe(dir);
  });

  it('is the deepest directory holding every path otherwise', () => {
    const cwd = path.join(dir, 'cwd');
    expect(commonRoot(cwd, [path.join(dir, 'a/x')])).toBe(path.join(dir, 'a/x'));
    expect(commonRoot(cwd, [path.join(dir, 'a/x/f.ts')])).toBe(path.join(dir, 'a/x'));
    expect(commonRoot(cwd, [path.join(dir, 'a/x/f.ts'), path.join(dir, 'a/y')])).toBe(path.join(dir, 'a'));
    expect(commonRoot(cwd, [path.join(dir, 'a/x'), path.join(dir, 'b/h.ts')])).toBe(dir);
  });
});
