import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { guardMatches, renderGuard, toEventBridgeSchedule, type DayGuard } from '../../src/schedule';
import { TABLE } from './converter-table';

const WHY = 'Test guard.';
const HANDMADE: DayGuard[] = [
  { mode: 'require', dayOfMonth: { days: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, why: WHY },
  { mode: 'exclude', dayOfMonth: { days: [1, 15] }, why: WHY },
  { mode: 'require', dayOfMonth: { days: [], last: true }, why: WHY },
  { mode: 'require', dayOfMonth: { days: [], lastOffsets: [2] }, why: WHY },
  { mode: 'require', dayOfMonth: { days: [], nearestWeekday: [1, 15, 30] }, why: WHY },
  { mode: 'require', dayOfMonth: { days: [], lastWeekday: true }, why: WHY },
  { mode: 'require', dayOfWeek: { days: [1, 2, 3, 4, 5] }, why: WHY },
  { mode: 'exclude', dayOfWeek: { days: [0, 6] }, why: WHY },
  { mode: 'require', dayOfWeek: { days: [], nth: [{ weekday: 1, n: 2 }, { weekday: 5, n: 5 }] }, why: WHY },
  { mode: 'require', dayOfWeek: { days: [3], last: [5] }, why: WHY },
];
const FROM_TABLE = TABLE.flatMap((row) => {
  const result = toEventBridgeSchedule(row.input);
  return result.ok ? result.schedules.flatMap((s) => (s.guard ? [{ guard: s.guard, timezone: result.timezone }] : [])) : [];
});
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'];
const CASES = [...HANDMADE.flatMap((guard) => ZONES.map((timezone) => ({ guard, timezone }))), ...FROM_TABLE];

/**
 * One instant per day of a leap year, alternately just after and just before UTC midnight, so
 * zones east and west of UTC see a different local date than UTC does.
 */
const INSTANTS: Date[] = [];
for (let day = 0; day < 366; day++) INSTANTS.push(new Date(Date.UTC(2024, 0, 1 + day) + (day % 2 ? 23.5 : 0.5) * 3_600_000));

function compile(source: string): (d: Date) => boolean {
  const js = ts.transpileModule(`${source}\nmodule.exports = shouldRunOn;`, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const mod = { exports: {} as unknown };
  new Function('module', js)(mod);
  return mod.exports as (d: Date) => boolean;
}

describe('guardMatches', () => {
  it('reads the local date in the schedule timezone', () => {
    const guard: DayGuard = { mode: 'require', dayOfMonth: { days: [1] }, why: WHY };
    const instant = new Date('2024-03-31T22:30:00Z'); // 1 April 00:30 in Berlin, still 31 March in UTC
    expect(guardMatches(guard, instant, 'Europe/Berlin')).toBe(true);
    expect(guardMatches(guard, instant, 'UTC')).toBe(false);
  });

  it.each([
    ['L: last day of a leap February', { days: [], last: true }, '2024-02-29', '2024-02-28'],
    ['L-2: two days before the last', { days: [], lastOffsets: [2] }, '2024-04-28', '2024-04-29'],
    ['15W: 15 Jun 2024 is a Saturday, so Friday 14th', { days: [], nearestWeekday: [15] }, '2024-06-14', '2024-06-15'],
    ['1W: 1 Jun 2024 is a Saturday, so Monday 3rd', { days: [], nearestWeekday: [1] }, '2024-06-03', '2024-05-31'],
    ['LW: 31 Aug 2024 is a Saturday, so Friday 30th', { days: [], lastWeekday: true }, '2024-08-30', '2024-08-31'],
  ])('%s', (_name, dayOfMonth, yes, no) => {
    const guard: DayGuard = { mode: 'require', dayOfMonth, why: WHY };
    expect(guardMatches(guard, new Date(`${yes}T12:00:00Z`), 'UTC')).toBe(true);
    expect(guardMatches(guard, new Date(`${no}T12:00:00Z`), 'UTC')).toBe(false);
  });

  it.each([
    ['MON#2 of January 2024 is the 8th', { days: [], nth: [{ weekday: 1, n: 2 }] }, '2024-01-08', '2024-01-01'],
    ['last Friday of February 2024 is the 23rd', { days: [], last: [5] }, '2024-02-23', '2024-02-16'],
    ['weekdays exclude Sunday', { days: [1, 2, 3, 4, 5] }, '2024-01-08', '2024-01-07'],
  ])('%s', (_name, dayOfWeek, yes, no) => {
    const guard: DayGuard = { mode: 'require', dayOfWeek, why: WHY };
    expect(guardMatches(guard, new Date(`${yes}T12:00:00Z`), 'UTC')).toBe(true);
    expect(guardMatches(guard, new Date(`${no}T12:00:00Z`), 'UTC')).toBe(false);
  });

  it('inverts for exclude', () => {
    const guard: DayGuard = { mode: 'exclude', dayOfMonth: { days: [1] }, why: WHY };
    expect(guardMatches(guard, new Date('2024-01-01T12:00:00Z'), 'UTC')).toBe(false);
    expect(guardMatches(guard, new Date('2024-01-02T12:00:00Z'), 'UTC')).toBe(true);
  });
});

describe('renderGuard', () => {
  it('the table yields guards of both modes', () => {
    expect(new Set(FROM_TABLE.map((c) => c.guard.mode))).toEqual(new Set(['require', 'exclude']));
  });

  it.each(CASES.map((c, i) => [`${i} ${c.guard.mode} ${JSON.stringify(c.guard.dayOfMonth ?? c.guard.dayOfWeek)} in ${c.timezone}`, c] as const))(
    'agrees with guardMatches: %s',
    (_name, { guard, timezone }) => {
      const rendered = compile(renderGuard(guard, { timezone }));
      const plain = compile(renderGuard(guard, { timezone, language: 'js' }));
      const expected = INSTANTS.map((d) => guardMatches(guard, d, timezone));
      expect(INSTANTS.map(rendered)).toEqual(expected);
      // The JavaScript rendering differs only in type annotations: a sample suffices.
      expect(INSTANTS.filter((_d, i) => i % 7 === 0).map(plain)).toEqual(expected.filter((_e, i) => i % 7 === 0));
      expect(expected).toContain(true);
      expect(expected).toContain(false);
    },
  );

  it('explains itself in a comment and names the timezone', () => {
    const source = renderGuard(HANDMADE[0], { timezone: 'Europe/Berlin', functionName: 'isFirstTenDays' });
    expect(source).toMatch(/^\/\*\*\n \* Test guard\.\n \* Judged on the scheduled time in Europe\/Berlin\.\n \*\/\nfunction isFirstTenDays\(scheduledTime: Date\): boolean \{/);
  });

  it('compiles under strict, noUnusedLocals and noUnusedParameters', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-guards-'));
    try {
      const files = CASES.slice(0, 40).map((c, i) => {
        const file = path.join(dir, `guard${i}.ts`);
        fs.writeFileSync(file, `${renderGuard(c.guard, { timezone: c.timezone })}export { shouldRunOn };\n`);
        return file;
      });
      const program = ts.createProgram(files, {
        strict: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2022.d.ts'],
        types: [],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
