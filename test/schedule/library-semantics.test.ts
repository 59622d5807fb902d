/**
 * Library behaviour the converter reproduces or refuses because of, pinned against the
 * installed libraries. If one of these changes with a library upgrade, the matching dialect
 * module (src/schedule/dialects/*) or the DST rule (src/schedule/dst.ts) needs revisiting.
 */
import * as path from 'path';
import { CronTime } from 'cron';
import * as nodeCron4 from 'node-cron';
import { Range } from 'node-schedule';
import { toEventBridgeSchedule } from '../../src/schedule';
import { withHostTimezone } from './harness/wall-time';

const TimeMatcher3: new (pattern: string, timezone?: string) => { match(d: Date): boolean } = require('node-cron3/src/time-matcher');
const cronParser: { parseExpression(e: string, o: { currentDate: Date }): { next(): { getTime(): number } } } = require(
  require.resolve('cron-parser', { paths: [path.dirname(require.resolve('node-schedule'))] }),
);

const at = (iso: string) => new Date(iso);
const minutesMatched = (m: { match(d: Date): boolean }) => [...Array(60).keys()].filter((mi) => m.match(new Date(Date.UTC(2025, 0, 6, 9, mi))));

describe('node-cron 3', () => {
  it('keeps only multiples of the step: 5-59/10 is 10,20,30,40,50', () => {
    expect(minutesMatched(new TimeMatcher3('5-59/10 * * * *'))).toEqual([10, 20, 30, 40, 50]);
  });

  it('reads weekday 1-7 as Sunday and Monday (only the first 7 becomes 0, then 1-0 is swapped)', () => {
    const m = new TimeMatcher3('0 9 * * 1-7');
    const days = [5, 6, 7, 8, 9, 10, 11].filter((d) => m.match(new Date(Date.UTC(2025, 0, d, 9))));
    expect(days.map((d) => new Date(Date.UTC(2025, 0, d)).getUTCDay())).toEqual([0, 1]);
  });

  it('ignores "#": MON#1 matches every Monday', () => {
    const m = new TimeMatcher3('0 9 * * MON#1');
    expect(m.match(at('2025-01-13T09:00:00Z'))).toBe(true);
  });

  it("with a timezone, misses local times that fall into the host's DST gap", () => {
    withHostTimezone('Europe/Berlin', () => {
      const m = new TimeMatcher3('30 2 * * *', 'Asia/Tokyo');
      expect(m.match(at('2025-03-29T17:30:00Z'))).toBe(false); // 02:30 on 30 March in Tokyo
      expect(m.match(at('2025-03-30T17:30:00Z'))).toBe(true);
    });
    expect(toEventBridgeSchedule({ dialect: 'node-cron', major: 3, expression: '30 2 * * *', timezone: 'Asia/Tokyo', assumeTimezone: 'Europe/Berlin' })).toMatchObject({ ok: false });
  });
});

describe('node-cron 4', () => {
  function fires(expression: string, timezone: string, from: string, count: number): string[] {
    const task = nodeCron4.createTask(expression, () => undefined, { timezone });
    const matcher = (task as unknown as { timeMatcher: { getNextMatch(d: Date): Date } }).timeMatcher;
    const out: string[] = [];
    for (let d = at(from); out.length < count; ) out.push((d = matcher.getNextMatch(d)).toISOString().slice(0, 16));
    void task.destroy();
    return out;
  }

  it('runs a repeated local time once, at its second occurrence', () => {
    // Berlin, 26 Oct 2025: 02:00-02:59 happens at 00:xx UTC (CEST) and again at 01:xx UTC (CET).
    expect(fires('*/30 * * * *', 'Europe/Berlin', '2025-10-25T23:00:00Z', 4)).toEqual(['2025-10-25T23:30', '2025-10-26T01:00', '2025-10-26T01:30', '2025-10-26T02:00']);
  });

  it('skips a local time that does not exist', () => {
    expect(fires('30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', 1)).toEqual(['2025-03-31T00:30']);
  });
});

describe('cron 4', () => {
  function fires(expression: string, timezone: string, from: string, count: number): string[] {
    const cronTime = new CronTime(expression, timezone);
    const out: string[] = [];
    let next = cronTime.getNextDateFrom(at(from), timezone);
    for (; out.length < count; next = cronTime.getNextDateFrom(next.toJSDate(), timezone)) out.push(next.toUTC().toISO()?.slice(0, 16) ?? '');
    return out;
  }

  it('runs a job due inside the DST gap at the end of the gap', () => {
    expect(fires('0 30 2 * * *', 'Europe/Berlin', '2025-03-29T12:00:00Z', 2)).toEqual(['2025-03-30T01:00', '2025-03-31T00:30']);
  });

  it('runs interval jobs in both passes of a repeated hour', () => {
    expect(fires('0 */30 * * * *', 'Europe/Berlin', '2025-10-25T23:00:00Z', 5)).toEqual(['2025-10-25T23:30', '2025-10-26T00:00', '2025-10-26T00:30', '2025-10-26T01:00', '2025-10-26T01:30']);
  });

  it('treats a complete weekday set as unrestricted: "0 9 1 * 0-6" is the 1st only', () => {
    expect(fires('0 9 1 * 0-6', 'UTC', '2025-01-01T12:00:00Z', 2)).toEqual(['2025-02-01T09:00', '2025-03-01T09:00']);
  });
});

describe('node-schedule 2', () => {
  const next = (expression: string, from: string) => new Date(cronParser.parseExpression(expression, { currentDate: at(from) }).next().getTime()).toISOString().slice(0, 10);

  it('ORs "0 9 1 * 0-6" (seven weekdays are not the eight of "*"): every day', () => {
    expect([next('0 9 1 * 0-6', '2025-01-01T12:00:00Z'), next('0 9 1 * 0-6', '2025-01-02T12:00:00Z')]).toEqual(['2025-01-02', '2025-01-03']);
  });

  it('adds Sunday to a weekday range ending in 7 whatever the step: 2-7/2', () => {
    expect(next('0 9 * * 2-7/2', '2025-01-04T12:00:00Z')).toBe('2025-01-05'); // a Sunday
  });

  it('excludes the end of a stepped Range but includes it for step 1', () => {
    expect([new Range(0, 30, 10).contains(30), new Range(0, 30, 10).contains(20), new Range(0, 30).contains(30)]).toEqual([false, true, true]);
  });
});
