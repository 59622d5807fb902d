import { validate } from 'node-cron'
import { tick } from './tick.mjs'

const EVERY_MINUTE = '* * * * *'
if (!validate(EVERY_MINUTE)) throw new Error('bad schedule')

// lambdashift: this job now runs on an EventBridge schedule.
// lambdashift: this job now runs on an EventBridge schedule.

export const name = 'jobs'
