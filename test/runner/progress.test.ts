import { phaseProgressLine, progressLine } from '../../src/runner/progress';

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

describe('phaseProgressLine', () => {
  const at = (now: { t: number }) => () => now.t;

  it('writes nothing when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const p = phaseProgressLine(stream);
    p.update({ phase: 'scan', done: 1, total: 4, files: 1 });
    p.end();
    expect(writes).toEqual([]);
  });

  it('names each phase, never goes back to an earlier phase or a smaller count, and clears the line', () => {
    const { writes, stream } = fakeStream(true);
    const now = { t: 1000 };
    const p = phaseProgressLine(stream, { now: at(now) });
    p.update({ phase: 'discover', done: 3, total: null });
    p.update({ phase: 'scan', done: 2, total: 8, files: 2 });
    now.t += 100;
    p.update({ phase: 'scan', done: 1, total: 8, files: 2 }); // smaller: ignored
    p.update({ phase: 'discover', done: 9, total: null }); // earlier phase: ignored
    p.update({ phase: 'scan', done: 8, total: 8, files: 2 });
    p.update({ phase: 'plan', done: 0, total: null });
    p.update({ phase: 'emit', done: 1, total: 4, files: 1 });
    p.update({ phase: 'write', done: 3, total: 6, files: 3 });
    p.update({ phase: 'check', done: 0, total: null });
    p.end();
    expect(writes).toEqual([
      '\rlambdashift: discovering files… 3 found\x1b[K',
      '\rlambdashift: scanning 2 files 25%\x1b[K',
      '\rlambdashift: scanning 2 files 100%\x1b[K',
      '\rlambdashift: planning…\x1b[K',
      '\rlambdashift: preparing changes to 1 file 25%\x1b[K',
      '\rlambdashift: writing 3 files 50%\x1b[K',
      '\rlambdashift: load-checking…\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('redraws within a phase at most every 80 ms, but always on a new phase and at the end', () => {
    const { writes, stream } = fakeStream(true);
    const now = { t: 0 };
    const p = phaseProgressLine(stream, { now: at(now) });
    p.update({ phase: 'emit', done: 1, total: 10, files: 10 });
    now.t += 10;
    p.update({ phase: 'emit', done: 2, total: 10, files: 10 }); // too soon
    p.update({ phase: 'emit', done: 10, total: 10, files: 10 }); // the end
    p.update({ phase: 'write', done: 1, total: 2, files: 1 }); // new phase
    expect(writes.map((w) => /\d+%/.exec(w)?.[0])).toEqual(['10%', '100%', '50%']);
  });

  it('dims the label only when colour is on', () => {
    const plain = fakeStream(true);
    phaseProgressLine(plain.stream, { color: false }).update({ phase: 'plan', done: 0, total: null });
    expect(plain.writes[0]).not.toMatch(/\x1b\[\d+m/);
    const coloured = fakeStream(true);
    phaseProgressLine(coloured.stream, { color: true }).update({ phase: 'plan', done: 0, total: null });
    expect(coloured.writes[0]).toBe('\r\x1b[2mlambdashift:\x1b[22m planning…\x1b[K');
  });
});
