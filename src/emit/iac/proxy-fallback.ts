/**
 * The strangler-fig catch-all (`--fallback proxy`): API Gateway forwards every request no split
 * function serves to the service still running where it runs today. No Lambda function is
 * involved, so nothing here is an event of a function:
 *
 * - HTTP API (payload-independent): one `HTTP_PROXY` integration on the `$default` route.
 *   `$default` has no path variable to put into the integration URI, so the request path is
 *   set by parameter mapping, `overwrite:path` = `<base path>$request.path` (the path without
 *   the stage name); method, query string, headers and body pass through as they came.
 *   serverless.yml: the Framework has no `httpApi` event that proxies, so these are
 *   `AWS::ApiGatewayV2::Integration` + `AWS::ApiGatewayV2::Route` under `resources:`, on the
 *   API the Framework creates (logical id `HttpApi`). SAM: the same integration in the
 *   `DefinitionBody` of an explicit `AWS::Serverless::HttpApi` the functions' events join
 *   (`ApiId`); separate `AWS::ApiGatewayV2::Route`s on SAM's implicit API would be dropped when
 *   API Gateway re-imports that API's OpenAPI body on the next deploy.
 * - REST API: `ANY /` and `ANY /{proxy+}` with `HTTP_PROXY` integrations
 *   (`integration.request.path.proxy` ← `method.request.path.proxy`), and an `ANY` beside each
 *   split path (a REST API answers a method missing on a resource with 403, it does not fall
 *   back to `/{proxy+}`). SAM: in the explicit API's `DefinitionBody`. serverless.yml: as
 *   `http` events with `integration: http-proxy` on the first HTTP function (the Framework
 *   only takes events under a function; such an event never invokes it). Methods added under
 *   `resources:` instead would be missing from the stage on the first deploy: the Framework's
 *   `AWS::ApiGateway::Deployment` depends on its own methods only.
 */
import { proxyBasePath } from '../../plan/proxy-url';
import { CATCH_ALL_API_PATH } from '../../model/migration-plan';
import type { IacOptions } from './iac-options';
import type { FunctionSpec } from './function-spec';
import { keyText, type YamlFile, type YAMLMap, isMap } from './yaml-doc';

/** serverless.yml resources lambdashift owns in proxy mode (removed again when the mode changes). */
export const SERVERLESS_PROXY_INTEGRATION = 'LambdashiftProxyIntegration';
export const SERVERLESS_PROXY_ROUTE = 'LambdashiftProxyRoute';
const SERVERLESS_PROXY_IDS = [SERVERLESS_PROXY_INTEGRATION, SERVERLESS_PROXY_ROUTE];

/** The HTTP API integration's parameter mapping: the client's path under the URL's base path. */
export function httpApiPathMapping(url: string): Record<string, string> {
  return { 'overwrite:path': `${proxyBasePath(url)}$request.path` };
}

/** The CloudFormation resources of the `$default` proxy on the Framework's HTTP API. */
export function serverlessProxyResources(url: string): Record<string, unknown> {
  const api = { Ref: 'HttpApi' };
  return {
    [SERVERLESS_PROXY_INTEGRATION]: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: api,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'ANY',
        IntegrationUri: url,
        PayloadFormatVersion: '1.0',
        RequestParameters: httpApiPathMapping(url),
      },
    },
    [SERVERLESS_PROXY_ROUTE]: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: api,
        RouteKey: '$default',
        // Fn::Join, not Fn::Sub: `${...}` in serverless.yml is the Framework's own variable syntax.
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: SERVERLESS_PROXY_INTEGRATION }]] },
      },
    },
  };
}

/**
 * Adds (or, without `url`, removes) the proxy resources in serverless.yml's `resources.Resources`.
 * Returns a warning when there is nothing to attach them to.
 */
export function setServerlessProxy(file: YamlFile, root: YAMLMap, url: string | undefined, specs: FunctionSpec[], options: IacOptions, comment: string): string[] {
  const warnings: string[] = [];
  const existing = root.getIn(['resources', 'Resources'], true);
  if (url === undefined) {
    if (!isMap(existing)) return warnings;
    for (const id of SERVERLESS_PROXY_IDS) file.delete(existing, id);
    if (existing.items.length === 0) {
      const resources = root.get('resources', true);
      if (isMap(resources)) {
        file.delete(resources, 'Resources');
        if (resources.items.length === 0) file.delete(root, 'resources');
      }
    }
    return warnings;
  }
  if (!specs.some((s) => s.http.length > 0)) {
    warnings.push(`no function has an HTTP route, so the Framework creates no API to put the proxy to ${url} on; the running service keeps answering every request directly`);
    return setServerlessProxy(file, root, undefined, specs, options, comment);
  }
  // REST: http-proxy events on a function (restProxyEvents), nothing under resources.
  if (options.api === 'rest') return setServerlessProxy(file, root, undefined, specs, options, comment);
  const resources = file.map(root, 'resources');
  const cfn = resources && file.map(resources, 'Resources');
  if (!cfn) {
    warnings.push(`\`resources\` is not a mapping; the proxy to ${url} was not added`);
    return warnings;
  }
  for (const [id, value] of Object.entries(serverlessProxyResources(url))) {
    const pair = file.pair(cfn, id);
    if (pair && !file.ownsComment(commentAbove(cfn, id))) {
      // Ours by name only when lambdashift wrote it; a user's resource of that name stays.
      if (!isMap(pair.value) || pair.value.get('Type') !== (value as { Type: string }).Type) {
        warnings.push(`a resource named ${id} already exists and is not managed by lambdashift; the proxy to ${url} was not added`);
        continue;
      }
    }
    file.set(cfn, id, value, comment);
  }
  return warnings;
}

function commentAbove(map: YAMLMap, key: string): string | undefined {
  const index = map.items.findIndex((p) => keyText(p) === key);
  if (index === -1) return undefined;
  const pair = map.items[index]!;
  const k = pair.key as { commentBefore?: string | null } | null;
  return (k?.commentBefore ?? (index === 0 ? map.commentBefore : undefined)) ?? undefined;
}

/** The REST API resource paths of the split functions (each gets an `ANY` to the old service). */
export function restSplitPaths(specs: FunctionSpec[]): string[] {
  return [...new Set(specs.flatMap((s) => s.http.filter((e) => !e.restOnly && e.path !== CATCH_ALL_API_PATH).map((e) => e.path)))].sort();
}

/**
 * serverless.yml with a REST API: the catch-all as `http` events with `integration: http-proxy`
 * (`ANY /`, `ANY /{proxy+}`, and `ANY` beside each split path that has no `ANY` of its own).
 */
export function restProxyEvents(url: string, specs: FunctionSpec[]): unknown[] {
  return restProxyPaths(specs).map((p) => {
    const names = pathParameterNames(p);
    return {
      http: {
        method: 'ANY',
        path: p,
        integration: 'http-proxy',
        request: { uri: proxiedUri(url, p), ...(names.length ? { parameters: { paths: Object.fromEntries(names.map((n) => [n, true])) } } : {}) },
      },
    };
  });
}

/** REST resources whose `ANY` goes to the old service: `/`, `/{proxy+}` and each split path without an `ANY` of its own. */
export function restProxyPaths(specs: FunctionSpec[]): string[] {
  const withAny = new Set(specs.flatMap((s) => s.http.filter((e) => e.method === 'ANY').map((e) => e.path)));
  return [...new Set(['/', '/{proxy+}', ...restSplitPaths(specs)])].filter((p) => !withAny.has(p));
}

/**
 * The API routes of the proxy catch-all as serverless.yml, SAM and CDK deploy them (HTTP API
 * `$default`; REST `ANY` on {@link restProxyPaths}), for the route-key check.
 */
export function proxyCatchAllRoutes(specs: FunctionSpec[], api: IacOptions['api']): Array<{ method: string; path: string }> {
  return api === 'http' ? [{ method: '', path: CATCH_ALL_API_PATH }] : restProxyPaths(specs).map((path) => ({ method: 'ANY', path }));
}

/** `{id}`, `{proxy+}` → `id`, `proxy`. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}+]+)\+?\}/g)].map((m) => m[1]!);
}

/** The old service's URI for REST resource `path`: `{proxy+}` becomes `{proxy}`. */
export function proxiedUri(url: string, path: string): string {
  return url + (path === '/' ? '/' : path.replace(/\{([^{}+]+)\+\}/g, '{$1}'));
}

/** SAM: the explicit API the functions' events join in proxy mode. */
export const SAM_PROXY_API = 'LambdashiftHttpApi';
export const SAM_PROXY_REST_API = 'LambdashiftRestApi';

/**
 * The `DefinitionBody` of the SAM API whose catch-all forwards to `url`. For a REST API,
 * `restPaths` ({@link restProxyPaths}) are `/`, `/{proxy+}` and the split functions' paths: each
 * gets an `ANY` to the same path on the old service, because a REST API answers a method
 * missing on a resource with 403 rather than falling back to `/{proxy+}`. A path whose function
 * has an `ANY` of its own is left out (SAM refuses a second integration for it).
 */
export function samProxyDefinition(url: string, api: IacOptions['api'], title: string, restPaths: string[] = ['/', '/{proxy+}']): Record<string, unknown> {
  if (api === 'http') {
    return {
      openapi: '3.0.1',
      info: { title, version: '1.0' },
      paths: {
        '/$default': {
          'x-amazon-apigateway-any-method': {
            isDefaultRoute: true,
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'ANY',
              uri: url,
              payloadFormatVersion: '1.0',
              requestParameters: httpApiPathMapping(url),
            },
          },
        },
      },
    };
  }
  const paths: Record<string, unknown> = {};
  for (const p of [...new Set(restPaths)]) paths[p] = { 'x-amazon-apigateway-any-method': restProxyMethod(url, p) };
  return { swagger: '2.0', info: { title, version: '1.0' }, paths };
}

/** `ANY` on REST resource `path` → the same path on the old service, path parameters passed on. */
function restProxyMethod(url: string, path: string): Record<string, unknown> {
  const names = pathParameterNames(path);
  const uri = proxiedUri(url, path);
  return {
    ...(names.length ? { parameters: names.map((name) => ({ name, in: 'path', required: true, type: 'string' })) } : {}),
    responses: {},
    'x-amazon-apigateway-integration': {
      type: 'http_proxy',
      httpMethod: 'ANY',
      uri,
      passthroughBehavior: 'when_no_match',
      ...(names.length ? { requestParameters: Object.fromEntries(names.map((n) => [`integration.request.path.${n}`, `method.request.path.${n}`])) } : {}),
    },
  };
}
