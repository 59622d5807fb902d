/**
 * Cron strings of node-schedule 1.x, which hands them to cron-parser 2.x (node-schedule
 * 1.3.3 lib/schedule.js Job.prototype.schedule → cronParser.parseExpression, cron-parser 2.18).
 * cron-parser 2 reads most expressions exactly as cron-parser 4 (node-schedule 2) does; this
 * dialect is the 4.x reading, refusing the forms where lib/expression.js of 2.18 differs:
 * - a day-of-week range ending in 7 keeps 7 as a value no weekday has (4.x turns it into
 *   Sunday): `1-7` is Monday-Saturday in 1.x;
 * - `nL` (last weekday of the month) is rejected, so the job never runs;
 * - a range whose ends are equal (`5-5`) is rejected (`min >= max`);
 * - day-of-month counts as unrestricted only when it lists all 31 days (4.x: as many as the
 *   current month has), which changes the day-of-month/day-of-week OR for 28-30 listed days.
 * The fire-time equivalence tests check the accepted forms against node-schedule 1 itself.
 */
import { ParseResult, refuse } from '../model';
import { parseCronParser4 } from './cron-parser-4';

const LIBRARY = 'node-schedule 1 (cron-parser 2)';
const DIFFERS = 'node-schedule 1.x (cron-parser 2) reads this differently from node-schedule 2';

/** Parses a node-schedule 1.x cron string, or refuses with how 1.x differs. */
export function parseCronParser2(expression: string): ParseResult {
  const parsed = parseCronParser4(expression);
  if (!parsed.ok) return refuse(parsed.reason.replace('node-schedule 2 (cron-parser)', LIBRARY));
  const atoms = expression.trim().split(/\s+/);
  const fields = atoms.length >= 5 && !expression.trim().startsWith('@') ? atoms.slice(atoms.length - 5) : null;
  if (fields) {
    const [, , dom, , dow] = fields as [string, string, string, string, string];
    if (/L/i.test(dow)) return refuse(`${LIBRARY} rejects \`L\` in the day-of-week field ("${dow}"), so the original never runs this job`);
    for (const range of [...atoms.join(',').matchAll(/(\d+)-(\d+)/g)]) {
      if (range[1] === range[2]) return refuse(`${LIBRARY} rejects the range "${range[0]}" (its ends are equal), so the original never runs this job`);
    }
    if (/(^|,)\d+-7(\/\d+)?($|,)/.test(dow)) return refuse(`${DIFFERS}: a day-of-week range ending in 7 ("${dow}") does not include Sunday in 1.x`);
    const domCount = parsed.schedule.dayOfMonth.days.length;
    const dowRestricted = dow !== '*' && dow !== '?';
    if (dowRestricted && domCount >= 28 && domCount <= 30) {
      return refuse(`${DIFFERS}: with ${domCount} days of the month listed, 1.x treats the day-of-month as restricted in every month and runs on either field, while 2.x does not in shorter months`);
    }
  }
  return { ok: true, schedule: { ...parsed.schedule, library: LIBRARY } };
}
