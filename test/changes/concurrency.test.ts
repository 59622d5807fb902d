/** Bounded file concurrency (`changes/concurrency.ts`): never more than the limit in flight, results in order, a failure rethrown after every task settled. */
import { forEachConcurrently, mapConcurrently } from '../../src/changes/concurrency';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('bounded concurrency', () => {
  it('keeps at most `limit` tasks in flight and returns results in order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapConcurrently(Array.from({ length: 500 }, (_, i) => i), 8, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      return i * 2;
    });
    expect(most).toBe(8);
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => i * 2));
  });

  it('stops starting tasks after a failure and rethrows it once the running ones settled', async () => {
    const started: number[] = [];
    let settled = 0;
    await expect(
      forEachConcurrently([0, 1, 2, 3, 4, 5, 6, 7], 2, async (i) => {
        started.push(i);
        if (i === 1) {
          settled++;
          throw new Error('boom');
        }
        await tick();
        settled++;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(started.length);
  });
});
