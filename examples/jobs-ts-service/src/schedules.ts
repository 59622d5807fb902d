/** Schedules shared by several jobs; ops tune them here. */
export const EVERY_QUARTER_HOUR = '*/15 * * * *';
export const MONTH_CLOSE = '0 0 1 1 * *';
