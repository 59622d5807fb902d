/**
 * Echo apps on every supported framework version: each answers with what it saw of the
 * request, so a real server and the Lambda bridge can be compared field by field.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import express5 from 'express';
import express4 from 'express4';
import Koa3 from 'koa';

/** Koa 2 (npm alias `koa2`), which ships no types; its API is the one typed for koa. */
export const Koa2 = require('koa2') as typeof Koa3;

export type Framework = 'express4' | 'express5' | 'koa2' | 'koa3';
export const FRAMEWORKS: Framework[] = ['express4', 'express5', 'koa2', 'koa3'];

export type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** What an echo app reports; framework-specific fields are absent elsewhere. */
export type Echo = Record<string, unknown>;

/** Trust setting: Express `trust proxy` value, or Koa `app.proxy` when truthy. */
export interface EchoOptions {
  trust?: boolean | number | string;
}

type AnyExpress = typeof express5;

function expressEcho(express: AnyExpress, options: EchoOptions) {
  const app = express();
  if (options.trust !== undefined) app.set('trust proxy', options.trust);
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  const echo = (req: express5.Request, res: express5.Response) => {
    res.json({
      method: req.method,
      url: req.url,
      originalUrl: req.originalUrl,
      baseUrl: req.baseUrl,
      path: req.path,
      query: req.query,
      ip: req.ip,
      ips: req.ips,
      protocol: req.protocol,
      secure: req.secure,
      hostname: req.hostname,
      subdomains: req.subdomains,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress,
      body: Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('base64') : null,
      apiGateway: req.apiGateway !== undefined,
    });
  };
  app.use('/api', echo);
  app.use(echo);
  return app;
}

function koaEcho(Koa: typeof Koa3, options: EchoOptions) {
  const app = new Koa();
  if (options.trust) app.proxy = true;
  app.use(async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    ctx.body = {
      method: ctx.method,
      url: ctx.url,
      originalUrl: ctx.originalUrl,
      path: ctx.path,
      querystring: ctx.querystring,
      query: { ...ctx.query },
      ip: ctx.ip,
      ips: ctx.ips,
      protocol: ctx.protocol,
      secure: ctx.secure,
      hostname: ctx.hostname,
      host: ctx.host,
      origin: ctx.origin,
      href: ctx.href,
      headers: ctx.headers,
      rawHeaders: ctx.req.rawHeaders,
      remoteAddress: ctx.req.socket.remoteAddress,
      body: body.length ? body.toString('base64') : null,
      apiGateway: ctx.req.apiGateway !== undefined,
    };
  });
  return app;
}

/** An echo app of `framework`, returned as the app (for the adapter) and as a listener (for HTTP). */
export function echoApp(framework: Framework, options: EchoOptions = {}) {
  switch (framework) {
    case 'express4':
      return expressEcho(express4 as unknown as AnyExpress, options);
    case 'express5':
      return expressEcho(express5, options);
    case 'koa2':
      return koaEcho(Koa2, options);
    case 'koa3':
      return koaEcho(Koa3, options);
  }
}

/** The request listener a real server would run for `app`. */
export function listenerOf(app: ReturnType<typeof echoApp>): Listener {
  return 'callback' in app ? app.callback() : (app as unknown as Listener);
}
