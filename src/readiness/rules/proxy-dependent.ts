/**
 * proxy-dependent: request facts that depend on the proxy in front, read without trusting it
 * (no `app.set('trust proxy', ...)`, no Koa `app.proxy = true`): `req.protocol`, `req.secure`,
 * `ctx.protocol`, `ctx.secure`, `ctx.request.protocol`, and `req.ip`/`req.ips`/`ctx.ip`.
 *
 * Why on Lambda: the generated handlers hand the app a plain-HTTP socket whose peer is the
 * client API Gateway saw. Without trusting the proxy, `req.protocol` is always `http` and
 * `req.secure` false although clients use HTTPS (redirect loops, `http://` links, cookies
 * without `secure`), and `req.ip` ignores X-Forwarded-For, which may differ from what a load
 * balancer setup gave before.
 *
 * Instead: `app.set('trust proxy', true)` (Express) or `app.proxy = true` (Koa): API Gateway
 * and ALB set X-Forwarded-Proto and X-Forwarded-For.
 *
 * Before (flagged, no trust proxy anywhere):
 *     if (!req.secure) return res.redirect(`https://${req.hostname}${req.url}`);
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import type { ReadinessFile } from '../readiness-file';
import type { ServiceFacts } from '../service-facts';

const PROTOCOL = new Set(['protocol', 'secure']);
const ADDRESS = new Set(['ip', 'ips']);
const OWNERS = /^(req|request|ctx|ctx\.request|context)$/;

export const proxyDependentRule: ReadinessRule = {
  id: 'proxy-dependent',
  title: 'Protocol and client address without trust proxy',
  severity: 'warning',
  why: 'The generated handlers give the app a plain-HTTP socket: without trusting the proxy, `req.protocol` is always http and `req.secure` false although clients use HTTPS, and `req.ip` ignores X-Forwarded-For.',
  instead: "Set `app.set('trust proxy', true)` (Express) or `app.proxy = true` (Koa); API Gateway and ALB send X-Forwarded-Proto and X-Forwarded-For.",
  words: ['.protocol', '.secure', '.ip'],
  checkFile(file: ReadinessFile, service: ServiceFacts): RuleHit[] {
    if (service.trustsProxy) return [];
    const hits: RuleHit[] = [];
    const seen = new Set<string>();
    for (const access of file.propertyAccesses) {
      const field = access.name.text;
      if (!PROTOCOL.has(field) && !ADDRESS.has(field)) continue;
      const owner = access.expression.getText(file.sf);
      if (!OWNERS.test(owner)) continue;
      const handler = file.enclosingHandler(access);
      if (!handler) continue;
      // Assigning it (`ctx.secure = ...` in a test helper) is not reading it.
      if (ts.isBinaryExpression(access.parent) && access.parent.left === access) continue;
      const key = `${handler.pos}:${field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({
        at: access,
        scope: handler,
        severity: PROTOCOL.has(field) ? 'warning' : 'info',
        message: PROTOCOL.has(field)
          ? `\`${owner}.${field}\` is read without trusting the proxy: on Lambda it says plain HTTP even for HTTPS clients`
          : `\`${owner}.${field}\` is read without trusting the proxy: on Lambda it is the address API Gateway saw, not X-Forwarded-For`,
      });
    }
    return hits;
  },
};
