import { offsetTransitions, zoneForUtcOffset, canonicalTimezone, isValidTimezone } from '../../src/schedule/timezone';
import { toEventBridgeSchedule } from '../../src/schedule';
import { offsetChanges } from './harness/wall-time';

const iso = (t: number) => new Date(t).toISOString();

describe('offsetTransitions', () => {
  it('finds the 2025 Berlin changes with their local windows', () => {
    const y2025 = offsetTransitions('Europe/Berlin').filter((t) => iso(t.at).startsWith('2025'));
    expect(y2025.map((t) => ({ kind: t.kind, at: iso(t.at), from: iso(t.wallStart).slice(11, 16), to: iso(t.wallEnd).slice(11, 16) }))).toEqual([
      { kind: 'gap', at: '2025-03-30T01:00:00.000Z', from: '02:00', to: '03:00' },
      { kind: 'overlap', at: '2025-10-26T01:00:00.000Z', from: '02:00', to: '03:00' },
    ]);
  });

  it('agrees with the test-side scan on every change 2023-2036 in several zones', () => {
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Tokyo']) {
      const ours = offsetTransitions(tz).map((t) => t.at).filter((t) => t >= Date.UTC(2023, 0, 1) && t <= Date.UTC(2037, 0, 1));
      expect(ours.map(iso)).toEqual(offsetChanges(tz, Date.UTC(2023, 0, 1), Date.UTC(2037, 0, 1)).map(iso));
    }
  });

  it('has none for zones without DST', () => {
    expect(offsetTransitions('Asia/Kolkata')).toEqual([]);
    expect(offsetTransitions('UTC')).toEqual([]);
  });
});

describe('timezone names', () => {
  it('validates through Intl', () => {
    expect(isValidTimezone('Europe/Berlin')).toBe(true);
    expect(isValidTimezone('Europe/Atlantis')).toBe(false);
  });

  it('canonicalises UTC aliases only', () => {
    expect(['Etc/UTC', 'GMT', 'utc', 'Etc/Zulu', 'Europe/London'].map(canonicalTimezone)).toEqual(['UTC', 'UTC', 'UTC', 'UTC', 'Europe/London']);
  });

  it('maps whole-hour offsets to Etc zones with the inverted sign', () => {
    expect([0, 60, -300, 840, 330, -780].map(zoneForUtcOffset)).toEqual(['UTC', 'Etc/GMT-1', 'Etc/GMT+5', 'Etc/GMT-14', null, null]);
  });
});

describe('DST refusals', () => {
  it('names the local time and the kind of change', () => {
    const gap = toEventBridgeSchedule({ dialect: 'node-cron', major: 4, expression: '30 2 * * *', timezone: 'America/New_York' });
    expect(gap).toEqual({ ok: false, reason: expect.stringMatching(/fires at 20\d\d-03-\d\d 02:30 America\/New_York time, which does not exist \(clocks go forward\)/) });
    const overlap = toEventBridgeSchedule({ dialect: 'node-cron', major: 4, expression: '30 1 * * *', timezone: 'America/New_York' });
    expect(overlap).toEqual({ ok: false, reason: expect.stringMatching(/01:30 America\/New_York time, which happens twice \(clocks go back\)/) });
  });

  it('looks at the days the job runs: a weekday job is safe when clocks change on Sundays', () => {
    expect(toEventBridgeSchedule({ dialect: 'cron', major: 4, expression: '30 2 * * 1-5', timezone: 'America/New_York' })).toMatchObject({ ok: true });
    expect(toEventBridgeSchedule({ dialect: 'cron', major: 4, expression: '30 2 * * 0', timezone: 'America/New_York' })).toMatchObject({ ok: false });
  });

  it('looks at the months the job runs', () => {
    expect(toEventBridgeSchedule({ dialect: 'node-cron', major: 4, expression: '30 2 * 1,2,5 *', timezone: 'Europe/Berlin' })).toMatchObject({ ok: true });
  });
});
