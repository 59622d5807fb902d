/**
 * Public types of `lambdashift/runtime`.
 *
 * Only `import type` from `aws-lambda` (the @types/aws-lambda package): the runtime has no
 * runtime dependencies and can be vendored into a project as-is.
 */
import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { IncomingMessage, ServerResponse } from 'http';

/**
 * Every HTTP event the bridge accepts: API Gateway REST (payload v1, also HTTP API with
 * payload 1.0), HTTP API (payload v2), Lambda Function URL (v2-shaped) and ALB (single- or
 * multi-value headers).
 *
 * @example
 * const event: LambdaHttpEvent = JSON.parse(fs.readFileSync('apigw-request.json', 'utf8'));
 */
export type LambdaHttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | ALBEvent;

/**
 * What a handler returns; the shape follows the event source
 * (`cookies` for v2, `multiValueHeaders` for v1 and multi-value ALB, `statusDescription` for ALB).
 *
 * @example
 * const result: LambdaHttpResult = await handler(event, context);
 * result.statusCode; // 200
 */
export type LambdaHttpResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2 | ALBResult;

/**
 * An async Lambda handler for HTTP events.
 *
 * @example
 * export const handler: LambdaHttpHandler = createExpressHandler(app);
 */
export type LambdaHttpHandler = (event: LambdaHttpEvent, context: Context) => Promise<LambdaHttpResult>;

/**
 * A Node request listener, as given to `http.createServer` (an Express app, Koa's `app.callback()`).
 *
 * @example
 * const listener: RequestListener = (req, res) => res.end('ok');
 */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Decides whether a response body is returned base64-encoded: either a predicate over the
 * response headers (lower-case names, repeated values joined with `, `) or a list of MIME
 * patterns (`image/*`, `application/pdf`, `*\/*`) that replaces the built-in list.
 *
 * @example
 * const binary: BinaryOption = ['image/*', 'application/x-parquet'];
 * const alsoBinary: BinaryOption = (headers) => headers['x-binary'] === '1';
 */
export type BinaryOption = ((headers: Readonly<Record<string, string>>) => boolean) | readonly string[];

/**
 * Options of {@link createHttpHandler} and the framework adapters.
 *
 * @example
 * createExpressHandler(app, { basePath: '/v1', binary: ['image/*'] });
 */
export interface HttpHandlerOptions {
  /**
   * Path prefix removed from every request path, e.g. the base path of a custom domain
   * mapping. Removed only at the start and at a segment boundary: `/v1` turns `/v1/users`
   * into `/users` and `/v1` into `/`, but leaves `/v1x/users` alone.
   * (HTTP API stages other than `$default` are removed without this option.)
   */
  basePath?: string;
  /**
   * Which responses are binary (returned base64). Default: images except SVG, audio, video,
   * fonts, octet-stream, PDF, archives and office documents, plus any body with a
   * `content-encoding` such as gzip or br. A body that is not valid UTF-8 is always binary.
   */
  binary?: BinaryOption;
}

/**
 * What `req.apiGateway` holds during an invocation (the aws-serverless-express convention).
 *
 * @example
 * app.get('/me', (req, res) => res.json(req.apiGateway?.event.requestContext));
 */
export interface ApiGatewayContext {
  /** The event exactly as Lambda delivered it. */
  event: LambdaHttpEvent;
  /** The Lambda context of this invocation. */
  context: Context;
}

declare module 'http' {
  interface IncomingMessage {
    /** Set by lambdashift/runtime on every request it bridges from a Lambda event. */
    apiGateway?: ApiGatewayContext;
  }
}
