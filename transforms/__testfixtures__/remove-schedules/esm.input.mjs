import { schedule, validate } from 'node-cron'
import { scheduleJob } from 'node-schedule'
import { tick } from './tick.mjs'

const EVERY_MINUTE = '* * * * *'
if (!validate(EVERY_MINUTE)) throw new Error('bad schedule')

schedule(EVERY_MINUTE, tick)
scheduleJob('report', { hour: 1, minute: 0 }, tick)

export const name = 'jobs'
