import { schedule } from 'node-cron';
import { scheduleJob } from 'node-schedule';
import { tick } from './tick.mjs';

schedule('* * * * *', tick)
scheduleJob({ hour: 1, minute: 0 }, tick)

export const name = 'jobs'
