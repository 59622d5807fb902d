export async function purgeSessions(): Promise<void> {
  console.log('purging sessions');
}

export function sendDigest(): void {
  console.log('sending digest');
}

// Purge expired sessions every quarter hour.
// lambdashift: this job now runs on an EventBridge schedule.

// lambdashift: this job now runs on an EventBridge schedule.

// lambdashift: this job now runs on an EventBridge schedule.

export const jobsModule = 'jobs';
