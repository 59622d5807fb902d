/**
 * createScheduledHandler: runs the job once per invocation, awaits it, fails the invocation
 * on errors, and skips (one log line) when the guard rejects the scheduled time.
 */
import { createScheduledHandler } from '../../src/runtime';

const EVENT = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2024-04-01T09:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:123456789012:rule/my-schedule'],
  detail: {},
};

let infoLog: jest.SpyInstance;
beforeEach(() => {
  infoLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => infoLog.mockRestore());

test('runs the job once and waits for its promise', async () => {
  const order: string[] = [];
  const handler = createScheduledHandler(async () => {
    order.push('start');
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('end');
  });
  await handler(EVENT);
  order.push('returned');
  expect(order).toEqual(['start', 'end', 'returned']);
});

test('runs a synchronous job', async () => {
  const job = jest.fn(() => 42);
  await expect(handler(job)(EVENT)).resolves.toBeUndefined();
  expect(job).toHaveBeenCalledTimes(1);
  function handler(fn: () => unknown) {
    return createScheduledHandler(fn);
  }
});

test.each([
  ['a synchronous throw', () => {
    throw new Error('job failed');
  }],
  ['a rejection', async () => {
    throw new Error('job failed');
  }],
])('%s fails the invocation', async (_label, job) => {
  await expect(createScheduledHandler(job)(EVENT)).rejects.toThrow('job failed');
});

test('the guard receives the scheduled time and can skip the run, with one log line', async () => {
  const job = jest.fn();
  const dates: Date[] = [];
  const handler = createScheduledHandler(job, {
    name: 'monthlyReport',
    guard: (date) => {
      dates.push(date);
      return date.getUTCDay() === 1;
    },
  });
  await handler(EVENT); // 2024-04-01 is a Monday
  await handler({ ...EVENT, time: '2024-05-01T09:00:00Z' }); // a Wednesday
  expect(job).toHaveBeenCalledTimes(1);
  expect(dates.map((d) => d.toISOString())).toEqual(['2024-04-01T09:00:00.000Z', '2024-05-01T09:00:00.000Z']);
  expect(infoLog.mock.calls).toEqual([['lambdashift: monthlyReport skipped: its schedule does not include 2024-05-01T09:00:00.000Z']]);
});

test('without an event time the guard gets the current time; the name defaults to the function name', async () => {
  let seen: Date | undefined;
  async function nightlyCleanup() {
    return undefined;
  }
  const handler = createScheduledHandler(nightlyCleanup, {
    guard: (date) => {
      seen = date;
      return false;
    },
  });
  const before = Date.now();
  await handler(undefined);
  expect(seen!.getTime()).toBeGreaterThanOrEqual(before);
  expect(seen!.getTime()).toBeLessThanOrEqual(Date.now());
  expect(infoLog.mock.calls[0][0]).toMatch(/^lambdashift: nightlyCleanup skipped/);
});

test('a job that is not a function is refused when the module loads', () => {
  expect(() => createScheduledHandler('cleanup' as never)).toThrow(TypeError);
});
