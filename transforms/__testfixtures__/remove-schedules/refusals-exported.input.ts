import cron from 'node-cron';
import { scheduleJob } from 'node-schedule';

export function ping(): void {}

export const heartbeat = cron.schedule('* * * * *', ping);

export default scheduleJob('0 0 * * *', ping);
