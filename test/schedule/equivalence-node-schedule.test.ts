import { TABLE } from './converter-table';
import { describeEquivalence } from './harness/equivalence';

describeEquivalence('node-schedule 2 (cron strings and RecurrenceRule)', (row) => row.input.dialect === 'node-schedule', TABLE);
