import Router from '@koa/router';
import { issueToken } from '../controllers/account';
import type { AppState } from '../types';

export const authRouter = new Router<AppState>({ prefix: '/auth' });

authRouter.post('token', '/token', issueToken);
