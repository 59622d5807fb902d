import cron from 'node-cron';
import { CronJob } from 'cron';
import { tick } from './tick.js';

export const task = cron.schedule('* * * * *', tick);
export default new CronJob('0 0 * * *', tick, null, true);
