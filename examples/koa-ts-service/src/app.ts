import Koa from 'koa';
import { parseJson } from './middleware/json-body';
import { errorHandler, reportError } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { apiRouter } from './routes/api';
import { authRouter } from './routes/auth';
import { rootRouter } from './routes/root';

/**
 * The tasks API. This module only builds the app; `server.ts` listens, so tests and other
 * entry points can import it without starting a server.
 */
// Behind the load balancer: trust X-Forwarded-For / X-Forwarded-Proto.
const app = new Koa({ proxy: true });

app.use(errorHandler);
app.use(requestId);
app.use(parseJson);
app.use(rootRouter.routes());
app.use(authRouter.routes());
app.use(authRouter.allowedMethods());
app.use(apiRouter.routes());
app.use(apiRouter.allowedMethods());

app.on('error', reportError);

export default app;
