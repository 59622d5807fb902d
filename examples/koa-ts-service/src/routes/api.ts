import Router from '@koa/router';
import { me } from '../controllers/account';
import { loadProject } from '../controllers/projects';
import { authenticate } from '../middleware/auth';
import type { AppState } from '../types';
import { projectsRouter } from './projects';
import { tasksRouter } from './tasks';

/**
 * Everything under /api/v1 needs a bearer token. Router middleware runs only for requests
 * that match one of this router's routes, so unknown /api paths stay plain 404s.
 */
export const apiRouter = new Router<AppState>({ prefix: '/api/v1' });

apiRouter.use(authenticate);
apiRouter.param('projectId', loadProject);
apiRouter.get('/me', me);
apiRouter.use('/projects', projectsRouter.routes(), projectsRouter.allowedMethods());
apiRouter.use('/projects/:projectId/tasks', tasksRouter.routes(), tasksRouter.allowedMethods());
