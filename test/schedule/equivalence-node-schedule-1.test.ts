/**
 * node-schedule 1.x (cron-parser 2): converted rows fire when node-schedule 1.3 itself fires
 * (the aliased devDependency `node-schedule1`), and every form refused as "reads differently"
 * really does differ from node-schedule 2 (or is rejected by 1.x), so no refusal is a guess.
 */
import { TABLE } from './converter-table';
import { describeEquivalence } from './harness/equivalence';
import { libraryRejects, sourceFires } from './harness/source-fires';

const v1 = (row: (typeof TABLE)[number]) => row.input.dialect === 'node-schedule' && row.input.major === 1;

describeEquivalence('node-schedule 1 (cron strings and RecurrenceRule, node-schedule 1.3 itself)', v1, TABLE);

describe('node-schedule 1 refusals name a real difference', () => {
  const differing = TABLE.filter((r) => v1(r) && !Array.isArray(r.expected) && !/times a minute/.test(String(r.expected.refused)));
  it.each(differing.map((r) => [r.id, r] as const))('%s', (_id, row) => {
    if (libraryRejects(row.input)) {
      expect(String(row.expected && !Array.isArray(row.expected) && row.expected.refused)).toMatch(/rejects/);
      return;
    }
    const q = { startMs: Date.UTC(2025, 0, 1), count: 120, untilMs: Date.UTC(2030, 0, 1) };
    expect(sourceFires(row.input, q)).not.toEqual(sourceFires({ ...row.input, major: 2 }, q));
  });
});
