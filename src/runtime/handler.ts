/**
 * `createHttpHandler`: runs a Node request listener for each Lambda HTTP event.
 *
 * Each invocation gets its own socket, request and response (nothing is shared between
 * concurrent invocations). The result is taken when the response emits `finish`; the
 * invocation fails with a generic 500 when the listener throws before responding, the
 * connection is destroyed before the response finished, or the Lambda is about to time out.
 */
import { ServerResponse, type IncomingMessage } from 'http';
import type { Context } from 'aws-lambda';
import { compileBinaryTest, isBinaryBody, type BinaryTest } from './binary';
import { BadEventError, readEvent, type BridgeRequest, type EventKind } from './event';
import { logFailure } from './log';
import { createRequest } from './request';
import { captureResponse } from './response';
import { formatResult } from './result';
import { BridgeSocket } from './socket';
import type { HttpHandlerOptions, LambdaHttpEvent, LambdaHttpHandler, LambdaHttpResult, RequestListener } from './types';
import { normalizeBasePath } from './url';

/** Time kept back from the Lambda deadline to return the 500 before Lambda kills the invocation. */
const DEADLINE_MARGIN_MS = 100;

interface HandlerConfig {
  readonly basePath: string;
  readonly binary: BinaryTest;
}

const kInvocation = Symbol('lambdashift.invocation');

interface Tagged {
  [kInvocation]?: Invocation;
}

function requestIdOf(context: Context | undefined): string | undefined {
  return typeof context?.awsRequestId === 'string' ? context.awsRequestId : undefined;
}

function invocationOf(target: object): Invocation | undefined {
  return (target as Tagged)[kInvocation];
}

/** A bodyless response the bridge answers itself (400 for bad events, 500 for failures). */
function plainResult(kind: EventKind | undefined, statusCode: 400 | 500): LambdaHttpResult {
  const body = statusCode === 400 ? 'Bad Request' : 'Internal Server Error';
  const headers = new Map([
    ['content-type', ['text/plain; charset=utf-8']],
    ['content-length', [String(body.length)]],
  ]);
  return formatResult(kind, { statusCode, statusMessage: body, headers, body: Buffer.from(body) }, body, false);
}

/** State of one invocation; reached from event listeners through the tagged response and socket. */
class Invocation {
  private settled = false;
  private timer: NodeJS.Timeout | undefined;
  /** Error the socket was destroyed with, reported when it closes. */
  socketError: Error | undefined;

  constructor(
    private readonly config: HandlerConfig,
    private readonly kind: EventKind,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly socket: BridgeSocket,
    private readonly requestId: string | undefined,
    private readonly resolve: (result: LambdaHttpResult) => void,
  ) {}

  startDeadline(context: Context | undefined): void {
    if (typeof context?.getRemainingTimeInMillis !== 'function') return;
    const remaining = context.getRemainingTimeInMillis();
    if (!(remaining > 0)) return;
    // Short remaining times (tests, nearly spent invocations) still give the app half of it.
    this.timer = setTimeout(onDeadline, Math.max(remaining - DEADLINE_MARGIN_MS, remaining / 2), this);
  }

  /** The response finished: every byte is on the socket. */
  complete(): void {
    if (this.settled) return;
    let result: LambdaHttpResult;
    try {
      const captured = captureResponse(this.res, this.socket);
      const binary = isBinaryBody(this.config.binary, captured.headers, captured.body);
      result = formatResult(this.kind, captured, captured.body.toString(binary ? 'base64' : 'utf8'), binary);
    } catch (error) {
      this.fail('the response could not be converted', error);
      return;
    }
    this.settle();
    this.resolve(result);
    // As Node's server does after a response: an unread body is drained (so the request
    // ends and closes) and, the connection being done, `close` follows on the response.
    if (this.req.readableFlowing === null) this.req.resume();
    // Not from inside the socket's write callback, where Node builds a throwaway error.
    process.nextTick(destroySocket, this.socket);
  }

  /** Answers 500 unless the invocation already has its result. */
  fail(reason: string, error?: unknown): void {
    if (this.settled) return;
    this.settle();
    logFailure(500, reason, this.requestId, error);
    this.resolve(plainResult(this.kind, 500));
    // The app sees a closed connection, as after a client disconnect.
    this.socket.destroy();
  }

  /** An error escaped the listener; a response already complete still counts, as on a real server. */
  escaped(error: unknown): void {
    if (this.res.writableEnded) {
      if (!this.settled) logFailure(this.res.statusCode, 'the app threw after its response was complete', this.requestId, error);
      return;
    }
    this.fail('the app threw before responding', error);
  }

  private settle(): void {
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}

function destroySocket(socket: BridgeSocket): void {
  socket.destroy();
}

function onDeadline(invocation: Invocation): void {
  invocation.fail('the response did not finish before the Lambda timeout');
}

function onResponseFinish(this: ServerResponse): void {
  invocationOf(this)?.complete();
}

function onSocketError(this: BridgeSocket, error: Error): void {
  const invocation = invocationOf(this);
  if (invocation !== undefined) invocation.socketError = error;
}

function onSocketClose(this: BridgeSocket): void {
  const invocation = invocationOf(this);
  invocation?.fail('the connection was destroyed before the response finished', invocation.socketError);
}

function start(
  listener: RequestListener,
  config: HandlerConfig,
  request: BridgeRequest,
  event: LambdaHttpEvent,
  context: Context,
  resolve: (result: LambdaHttpResult) => void,
): void {
  const socket = new BridgeSocket(request.remoteAddress);
  const req = createRequest(socket, request);
  req.apiGateway = { event, context };
  const res = new ServerResponse(req);
  // The front end dates the response itself (API Gateway REST would even pass a function's
  // Date on as X-Amzn-Remapped-Date); a Date the app sets explicitly is kept.
  res.sendDate = false;
  socket.response = res;
  const invocation = new Invocation(config, request.kind, req, res, socket, requestIdOf(context), resolve);
  (res as Tagged)[kInvocation] = invocation;
  (socket as Tagged)[kInvocation] = invocation;
  socket.on('error', onSocketError);
  socket.on('close', onSocketClose);
  res.assignSocket(socket as never);
  res.once('finish', onResponseFinish);
  invocation.startDeadline(context);
  try {
    const returned = listener(req, res);
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === 'function') {
      (returned as PromiseLike<unknown>).then(undefined, (error: unknown) => invocation.escaped(error));
    }
  } catch (error) {
    invocation.escaped(error);
  }
}

function invoke(listener: RequestListener, config: HandlerConfig, event: LambdaHttpEvent, context: Context): Promise<LambdaHttpResult> {
  let request: BridgeRequest;
  try {
    request = readEvent(event, config.basePath);
  } catch (error) {
    if (error instanceof BadEventError) {
      logFailure(400, `bad event: ${error.message}`, requestIdOf(context));
      return Promise.resolve(plainResult(error.kind, 400));
    }
    logFailure(500, 'the event could not be read', requestIdOf(context), error);
    return Promise.resolve(plainResult(undefined, 500));
  }
  return new Promise((resolve) => {
    try {
      start(listener, config, request, event, context, resolve);
    } catch (error) {
      // Only the bridge's own setup runs unguarded here; the listener has its own try.
      logFailure(500, 'the request could not be set up', requestIdOf(context), error);
      resolve(plainResult(request.kind, 500));
    }
  });
}

/**
 * Wraps a Node request listener into an async Lambda handler for API Gateway REST (v1),
 * HTTP API (v2), Function URL and ALB events. The listener sees real `IncomingMessage` and
 * `ServerResponse` objects, and `req.apiGateway = { event, context }`.
 *
 * @example
 * import { createServer } from 'http';
 * const listener = (req, res) => res.end(`hello ${req.url}`);
 * createServer(listener);                           // the same listener on a real server
 * export const handler = createHttpHandler(listener, { basePath: '/v1' });
 */
export function createHttpHandler(listener: RequestListener, options: HttpHandlerOptions = {}): LambdaHttpHandler {
  if (typeof listener !== 'function') throw new TypeError('createHttpHandler expects a request listener function');
  const config: HandlerConfig = { basePath: normalizeBasePath(options.basePath), binary: compileBinaryTest(options.binary) };
  return function lambdaHttpHandler(event: LambdaHttpEvent, context: Context): Promise<LambdaHttpResult> {
    return invoke(listener, config, event, context);
  };
}
