/**
 * Behaviour-test harness: migrate a sample service in a temp copy, then replay its request
 * table against the original server, the rewritten server and the generated Lambda handlers
 * (API Gateway REST v1, HTTP API v2 and ALB events) and compare the responses.
 * Framework-agnostic: the Express and Koa behaviour tests share it. See README.md here.
 */
export { compareResponses, IGNORED_HEADERS, resultToResponse } from './compare';
export { buildEvent, CLIENT_IP, EVENT_SOURCES, type EventSource } from './events';
export { requestBody, sendHttp, type Recorded } from './http';
export { LambdaHost, probeImport, startServer, type ListenCall, type ProbeResult, type RunningServer } from './processes';
export { httpFunctions, matchRoute, restApiProblems, serverlessApi, serverlessRoutes, type RouteMatch } from './routing';
export { ensureRuntimeBuilt, runtimeBuildReason } from './runtime-build';
export {
  hostedModules,
  lambdaDifferences,
  replayHttp,
  replayLambda,
  serviceInfo,
  typecheck,
  type LambdaExchange,
  type ServiceInfo,
} from './service';
export { copyExample, EXAMPLES_DIR, linkNodeModules, listFiles, makeTempDir, removeTempDirs, REPO_ROOT } from './workspace';
export { defineServiceBehaviourTests, type ServiceSpec } from './suite';
