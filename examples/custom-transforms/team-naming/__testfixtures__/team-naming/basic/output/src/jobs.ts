import cron from 'node-cron';

export async function nightlyReport(): Promise<void> {
  console.log('sending the nightly report');
}

export async function purgeSessions(): Promise<void> {
  console.log('purging expired sessions');
}

// The report stays on the old service for now (keep: "JOB nightly*").
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  cron.schedule('0 2 * * *', nightlyReport);
}
// lambdashift: this job now runs as the Lambda function lambda/jobs/users-job-purge-sessions.ts (cron(0,30 * * * ? *)).
