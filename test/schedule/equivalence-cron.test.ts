import { TABLE } from './converter-table';
import { describeEquivalence } from './harness/equivalence';

describeEquivalence('cron 4', (row) => row.input.dialect === 'cron', TABLE);
