import { toEventBridgeSchedule } from '../../src/schedule';
import { TABLE } from './converter-table';
import { libraryRejects } from './harness/source-fires';

describe('converter table', () => {
  it('has at least 150 rows, each id once', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
    expect(new Set(TABLE.map((r) => r.id)).size).toBe(TABLE.length);
  });

  it.each(TABLE.map((row) => [row.id, row] as const))('%s', (_id, row) => {
    const result = toEventBridgeSchedule(row.input);
    const outcome = result.ok ? { expressions: result.expressions } : { refused: result.reason };
    if (Array.isArray(row.expected)) {
      expect(outcome).toEqual({ expressions: row.expected });
      if (!result.ok) return;
      expect(result.schedules.map((s) => s.expression)).toEqual(result.expressions);
      expect(result.schedules.map((s) => s.guard?.mode ?? null)).toEqual(row.guards ?? row.expected.map(() => null));
      const explicit = row.input.timezone ?? row.input.rule?.tz ?? null;
      expect(result.timezoneAssumed).toBe(explicit === null && row.input.utcOffset === undefined);
      if (result.timezoneAssumed) expect(result.timezone).toBe(row.input.assumeTimezone ?? 'UTC');
    } else {
      expect(outcome).toEqual({ refused: expect.stringMatching(row.expected.refused) });
    }
    if (row.invalid) expect(libraryRejects(row.input)).toBe(true);
  });
});

describe('timezones of converted schedules', () => {
  it('keeps an explicit IANA zone and reports it as not assumed', () => {
    expect(toEventBridgeSchedule({ dialect: 'node-cron', major: 4, expression: '0 9 * * *', timezone: 'Europe/Berlin' })).toMatchObject({
      ok: true,
      timezone: 'Europe/Berlin',
      timezoneAssumed: false,
    });
  });

  it('maps UTC aliases to UTC', () => {
    expect(toEventBridgeSchedule({ dialect: 'node-cron', major: 4, expression: '0 9 * * *', timezone: 'Etc/UTC' })).toMatchObject({ timezone: 'UTC' });
  });

  it('maps a whole-hour cron utcOffset to the Etc zone with the inverted sign', () => {
    expect(toEventBridgeSchedule({ dialect: 'cron', major: 4, expression: '0 9 * * *', utcOffset: 120 })).toMatchObject({ timezone: 'Etc/GMT-2', timezoneAssumed: false });
    expect(toEventBridgeSchedule({ dialect: 'cron', major: 4, expression: '0 9 * * *', utcOffset: -300 })).toMatchObject({ timezone: 'Etc/GMT+5' });
  });

  it('says which host timezone it assumed', () => {
    const result = toEventBridgeSchedule({ dialect: 'cron', major: 4, expression: '0 9 * * *', assumeTimezone: 'America/New_York' });
    expect(result).toMatchObject({ ok: true, timezone: 'America/New_York', timezoneAssumed: true });
    // Said once, by the flag: the planner turns it into one diagnostic per job (no duplicate note).
    expect(result.ok && result.notes).toEqual([]);
  });

  it('notes a dropped non-zero seconds value', () => {
    const result = toEventBridgeSchedule({ dialect: 'node-cron', major: 4, expression: '30 * * * * *' });
    expect(result.ok && result.notes.join('\n')).toMatch(/seconds field dropped: node-cron 4 fires at second 30/);
  });
});
