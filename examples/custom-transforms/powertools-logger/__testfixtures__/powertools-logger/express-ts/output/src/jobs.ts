export async function purgeSessions(): Promise<void> {
  console.log('purging expired sessions');
}

// lambdashift: this job now runs as the Lambda function lambda/jobs/purgeSessions.ts (cron(0 3 * * ? *)).
