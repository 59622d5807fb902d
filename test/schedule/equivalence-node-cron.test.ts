import { TABLE } from './converter-table';
import { describeEquivalence } from './harness/equivalence';

describeEquivalence('node-cron 3 and 4', (row) => row.input.dialect === 'node-cron', TABLE);
