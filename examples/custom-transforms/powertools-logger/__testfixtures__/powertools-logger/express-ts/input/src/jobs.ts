import cron from 'node-cron';

export async function purgeSessions(): Promise<void> {
  console.log('purging expired sessions');
}

cron.schedule('0 3 * * *', purgeSessions);
