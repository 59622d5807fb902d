/**
 * A local stand-in for API Gateway in front of the generated handlers: picks the route, builds
 * the event, invokes the handler in a {@link HandlerHost} and turns the result into a response.
 */
import type { ApiKind } from '../emit/iac/iac-options';
import { apiEvent, newRequestId, scheduledEvent, type HttpRequestData } from './events';
import type { FunctionTable, HttpFunctionRef, ScheduleFunctionRef } from './function-table';
import type { HandlerHost, InvokeOutcome } from './handler-host';
import { DEFAULT_ROUTE, RouteTable, type RouteMatch } from './api-routes';
import { forwardRequest } from './proxy-forward';
import { gatewayHeaders, integrationError, noRoute, toHttpResponse, withForwardedHeaders, type HttpResponseData } from './results';

export interface GatewayResponse extends HttpResponseData {
  /** The matched route (`GET /books/{id}`), or null when none matched. */
  routeKey: string | null;
  functionName: string | null;
  /** Time spent in the handler (inside the worker), when one ran. */
  handlerMs: number | null;
  /** Why the gateway answered itself, when it did. */
  error?: string;
  /** `--fallback proxy`: the running service that answered (no function ran). */
  forwardedTo?: string;
}

export interface GatewayOptions {
  api: ApiKind;
  timeoutMs?: number;
  /** Add X-Forwarded-For/-Proto/-Port as API Gateway does (default true). */
  forwardedHeaders?: boolean;
  /**
   * `--fallback proxy`: forward requests no function takes to the table's URL (default true).
   * `verify` passes false: the URL is the real old service; it sets those requests aside.
   */
  forward?: boolean;
}

export class Gateway {
  readonly routes: RouteTable<HttpFunctionRef>;
  private readonly schedules: Map<string, ScheduleFunctionRef>;

  constructor(
    readonly table: FunctionTable,
    readonly host: HandlerHost,
    private readonly options: GatewayOptions,
  ) {
    // The REST catch-all (fallback function or proxy integration) has an ANY beside every split path.
    const catchAll = table.proxyUrl !== undefined || table.http.some((fn) => fn.apiPath === DEFAULT_ROUTE);
    this.routes = new RouteTable(
      table.http.map((fn) => ({ method: fn.method, path: fn.apiPath, target: fn })),
      { api: options.api, restCatchAllBesidePaths: catchAll },
    );
    this.schedules = new Map(table.schedules.map((s) => [s.name, s]));
  }

  /** Answers one HTTP request as API Gateway and the handler together would. */
  async handle(request: HttpRequestData): Promise<GatewayResponse> {
    const api = this.options.api;
    const requestId = newRequestId();
    const q = request.url.indexOf('?');
    const match = this.routes.match(request.method, q === -1 ? request.url : request.url.slice(0, q));
    if (!match && this.table.proxyUrl !== undefined && this.options.forward !== false) return this.forward(request);
    if (!match) return { ...noRoute(api), routeKey: null, functionName: null, handlerMs: null, error: 'no route matches' };
    const req = this.options.forwardedHeaders === false ? request : withForwardedHeaders(request);
    const fn = match.route.target;
    const event = apiEvent(api, req, { ...restCatchAll(api, match, request.url), requestId });
    const outcome = await this.host.invoke(fn.module, fn.exportName, event, { functionName: fn.name, timeoutMs: this.options.timeoutMs });
    const base = { routeKey: match.routeKey, functionName: fn.name };
    if (!outcome.ok) {
      return { ...integrationError(api, outcome.timedOut), ...base, handlerMs: outcome.durationMs, error: `${outcome.error.name}: ${outcome.error.message}` };
    }
    const response = toHttpResponse(api, outcome.result);
    if (!response) return { ...integrationError(api), ...base, handlerMs: outcome.durationMs, error: 'the handler returned a malformed response' };
    response.headers.push(...gatewayHeaders(api, requestId));
    return { ...response, ...base, handlerMs: outcome.durationMs };
  }

  /**
   * `--fallback proxy`: the catch-all HTTP proxy integration. A REST API's `ANY` beside each
   * split path goes the same way, so every request no function takes is forwarded.
   */
  private async forward(request: HttpRequestData): Promise<GatewayResponse> {
    const url = this.table.proxyUrl!;
    const req = this.options.forwardedHeaders === false ? request : withForwardedHeaders(request);
    const started = performance.now();
    const outcome = await forwardRequest(url, req, this.options.timeoutMs);
    const base = { routeKey: this.options.api === 'http' ? DEFAULT_ROUTE : 'ANY /{proxy+}', functionName: null, handlerMs: performance.now() - started };
    if (!outcome.ok) return { ...integrationError(this.options.api, outcome.timedOut), ...base, error: `forwarding to ${url} failed: ${outcome.error}` };
    return { ...outcome.response, ...base, forwardedTo: url };
  }

  scheduleNames(): string[] {
    return [...this.schedules.keys()];
  }

  /** Runs a scheduled function once with an EventBridge event; null when there is no such function. */
  async runSchedule(name: string): Promise<InvokeOutcome | null> {
    const fn = this.schedules.get(name);
    if (!fn) return null;
    return this.host.invoke(fn.module, fn.exportName, scheduledEvent(name, fn.timezone !== 'UTC'), { functionName: name, timeoutMs: this.options.timeoutMs });
  }
}

/**
 * Route fields of the event: as matched, except that a REST API has no `$default` route; its
 * catch-all is `ANY /` (the root), `ANY /{proxy+}` (the rest, as the `proxy` parameter) and the
 * `ANY` beside a split path (that resource and its parameters).
 */
function restCatchAll(api: ApiKind, match: RouteMatch<HttpFunctionRef>, url: string): { routeKey: string; resource: string; pathParameters: Record<string, string> } {
  if (api !== 'rest' || match.route.path !== DEFAULT_ROUTE) return { routeKey: match.routeKey, resource: match.route.path, pathParameters: match.pathParameters };
  if (match.besidePath !== undefined) return { routeKey: `ANY ${match.besidePath}`, resource: match.besidePath, pathParameters: match.pathParameters };
  const q = url.indexOf('?');
  const rest = (q === -1 ? url : url.slice(0, q)).replace(/^\/+/, '');
  if (rest === '') return { routeKey: 'ANY /', resource: '/', pathParameters: {} };
  let proxy = rest;
  try {
    proxy = decodeURIComponent(rest);
  } catch {
    // keep the raw text, as the route table does for undecodable segments
  }
  return { routeKey: 'ANY /{proxy+}', resource: '/{proxy+}', pathParameters: { proxy } };
}
