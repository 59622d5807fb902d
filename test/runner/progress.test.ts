import { progressLine } from '../../src/runner/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: Object.assign({ write: (s: string) => writes.push(s) > 0 }, { isTTY }) as unknown as NodeJS.WritableStream & { isTTY?: boolean } };
}

describe('progressLine', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const p = progressLine(stream);
    p.update(1, 2);
    p.end();
    expect(writes).toEqual([]);
  });

  it('redraws at most every 80 ms, always draws the final count, and clears the line', () => {
    const { writes, stream } = fakeStream(true);
    let now = 1000;
    const p = progressLine(stream, 'x', () => now);
    p.update(1, 10);
    now += 10;
    p.update(2, 10);
    now += 100;
    p.update(3, 10);
    p.update(10, 10);
    p.end();
    expect(writes).toEqual(['\rx: 1/10 files\x1b[K', '\rx: 3/10 files\x1b[K', '\rx: 10/10 files\x1b[K', '\r\x1b[K']);
  });
});
