import { Router } from '@koa/router';
import { completeTask, createTask, getTask, listTasks, loadTask } from '../controllers/tasks';
import type { AppState } from '../types';

/** Mounted by the API router at `/projects/:projectId/tasks`. */
export const tasksRouter = new Router<AppState>();

tasksRouter.get('/', listTasks);
tasksRouter.post('/', createTask);
tasksRouter.get('task', '/:taskId', getTask);
tasksRouter.post('/:taskId/complete', completeTask);
// After the routes: Koa applies a param handler to the routes already registered as well.
tasksRouter.param('taskId', loadTask);
