/**
 * Cross-checks the test-side EventBridge evaluator against two independent implementations on
 * every expression the converter table produces: croner (timezone-aware, Quartz weekdays) and
 * aws-cron-parser (UTC, EventBridge-specific). If the evaluator were wrong, the equivalence
 * tests could pass for the wrong reason.
 */
import { toEventBridgeSchedule } from '../../src/schedule';
import { TABLE } from './converter-table';
import { awsCronParserFires, cronBody, cronerFires } from './harness/eventbridge-fires';
import { eventBridgeFires } from './harness/eventbridge-matcher';

const COUNT = 200;
const STARTS = [Date.UTC(2025, 0, 1), Date.UTC(2028, 1, 27, 5, 3)];
const UNTIL = Date.UTC(2034, 0, 1);

const pairs = new Map<string, { expression: string; timezone: string }>();
for (const row of TABLE) {
  const result = toEventBridgeSchedule(row.input);
  if (!result.ok) continue;
  for (const expression of result.expressions) {
    pairs.set(`${expression} ${result.timezone}`, { expression, timezone: result.timezone });
    pairs.set(`${expression} UTC`, { expression, timezone: 'UTC' });
  }
}

/** aws-cron-parser mishandles plain day-of-month values some months lack (see the last test). */
function hasLateDayOfMonth(expression: string): boolean {
  const dom = cronBody(expression).split(' ')[2];
  if (!/^[\d,/-]+$/.test(dom)) return false;
  return dom.split(',').some((part) => {
    const [range, step] = part.split('/');
    const [from, to] = range.split('-').map(Number);
    return (to ?? (step ? 31 : from)) > 28;
  });
}

const iso = (ts: number[]) => ts.map((t) => new Date(t).toISOString());

describe('EventBridge evaluators agree', () => {
  it.each([...pairs.entries()])('%s', (_key, { expression, timezone }) => {
    let total = 0;
    for (const start of STARTS) {
      const ours = eventBridgeFires(expression, timezone, start, COUNT, UNTIL);
      expect(ours.anomalies).toEqual([]);
      total += ours.fires.length;
      const upToUntil = (ts: number[]) => ts.filter((t) => t <= UNTIL);
      expect(iso(upToUntil(cronerFires(expression, timezone, start, COUNT)))).toEqual(iso(ours.fires));
      if (timezone === 'UTC' && !hasLateDayOfMonth(expression)) {
        expect(iso(upToUntil(awsCronParserFires(expression, start, COUNT)))).toEqual(iso(ours.fires));
      }
    }
    expect(total).toBeGreaterThan(0);
  });

  it('aws-cron-parser turns 30 February into 2 March, which is why it is only a cross-check', () => {
    const start = Date.UTC(2025, 1, 1);
    expect(iso(awsCronParserFires('cron(0 0 30 * ? *)', start, 1))).toEqual(['2025-03-02T00:00:00.000Z']);
    expect(iso(eventBridgeFires('cron(0 0 30 * ? *)', 'UTC', start, 1, UNTIL).fires)).toEqual(['2025-03-30T00:00:00.000Z']);
    expect(iso(cronerFires('cron(0 0 30 * ? *)', 'UTC', start, 1))).toEqual(['2025-03-30T00:00:00.000Z']);
  });
});
