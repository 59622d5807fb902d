/**
 * The billing worker process: importing the job modules schedules every job in-process.
 */
import './jobs/invoices';
import './jobs/ledger-close';
import './jobs/reminders';

console.log('billing worker started');
