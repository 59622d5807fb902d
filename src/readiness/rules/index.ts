/** Every readiness rule, in the order `check --rules` and docs/readiness.md list them. */
import type { ReadinessRule } from '../rule';
import { backgroundWorkRule } from './background-work';
import { extraServerRule } from './extra-server';
import { fsWriteRule } from './fs-write';
import { jobOverlapRule } from './job-overlap';
import { longRequestRule } from './long-request';
import { moduleStateRule } from './module-state';
import { payloadLimitRule } from './payload-limit';
import { perRequestConnectionRule } from './per-request-connection';
import { processHooksRule } from './process-hooks';
import { proxyDependentRule } from './proxy-dependent';
import { rateLimitMemoryStoreRule } from './rate-limit-memory-store';
import { refusedScheduleRule } from './refused-schedule';
import { sessionMemoryStoreRule } from './session-memory-store';
import { staticFilesRule } from './static-files';
import { streamingResponseRule } from './streaming-response';
import { websocketRule } from './websocket';

export const READINESS_RULES: readonly ReadinessRule[] = [
  moduleStateRule,
  sessionMemoryStoreRule,
  rateLimitMemoryStoreRule,
  websocketRule,
  streamingResponseRule,
  backgroundWorkRule,
  longRequestRule,
  jobOverlapRule,
  fsWriteRule,
  payloadLimitRule,
  staticFilesRule,
  processHooksRule,
  extraServerRule,
  perRequestConnectionRule,
  proxyDependentRule,
  refusedScheduleRule,
];
