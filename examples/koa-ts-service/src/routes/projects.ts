import { Router } from '@koa/router';
import * as projects from '../controllers/projects';
import { requireRole } from '../middleware/auth';
import type { AppState } from '../types';

/** Mounted by the API router at `/projects`; `:projectId` is loaded by the API router's param handler. */
export const projectsRouter = new Router<AppState>();

projectsRouter
  .get('/', projects.listProjects)
  .post('/', requireRole('admin'), projects.createProject);

projectsRouter.get('project', '/:projectId', projects.getProject);
projectsRouter.patch('/:projectId', projects.updateProject);
projectsRouter.delete('/:projectId', requireRole('admin'), projects.deleteProject);
