import type { Next } from 'koa';
import { store, type Project, type ProjectStatus, type User } from '../store';
import type { AppContext } from '../types';
import { Validator } from '../validation';

const STATUSES: readonly ProjectStatus[] = ['active', 'archived'];

const canSee = (user: User, project: Project): boolean => user.role === 'admin' || project.memberIds.includes(user.id);

/** Param handler for `:projectId`: loads a project the caller may see, else 404. */
export async function loadProject(id: string, ctx: AppContext, next: Next): Promise<void> {
  const project = /^\d+$/.test(id) ? await store.projects.get(Number(id)) : undefined;
  if (!project || !canSee(ctx.state.user, project)) return ctx.throw(404, `project ${id} not found`);
  ctx.state.project = project;
  await next();
}

export async function listProjects(ctx: AppContext): Promise<void> {
  const { status } = ctx.query;
  if (status !== undefined && !STATUSES.includes(status as ProjectStatus)) ctx.throw(400, 'status must be active or archived');
  const items = await store.projects.list({ status: status as ProjectStatus | undefined, visibleTo: ctx.state.user });
  ctx.body = { items, total: items.length };
}

export async function createProject(ctx: AppContext): Promise<void> {
  const v = new Validator(ctx.request.body);
  const name = v.string('name', { required: true, max: 80 });
  if (v.problems.length) ctx.throw(422, 'invalid project', { details: v.problems });
  const owner = ctx.state.user;
  const project = await store.projects.create({ name: name!, ownerId: owner.id, memberIds: [owner.id], status: 'active' });
  ctx.status = 201;
  ctx.set('Location', `/api/v1/projects/${project.id}`);
  ctx.body = project;
}

export async function getProject(ctx: AppContext): Promise<void> {
  const open = await store.tasks.list(ctx.state.project.id, { done: false });
  ctx.body = { ...ctx.state.project, openTasks: open.length };
}

/** PATCH: the owner or an admin may rename or archive. */
export async function updateProject(ctx: AppContext): Promise<void> {
  const { user, project } = ctx.state;
  if (user.role !== 'admin' && project.ownerId !== user.id) ctx.throw(403, 'only the owner or an admin may change a project');
  const v = new Validator(ctx.request.body);
  const name = v.string('name', { required: false, max: 80 });
  const status = v.oneOf('status', STATUSES);
  if (!v.problems.length && name === undefined && status === undefined) v.problems.push({ field: '(body)', message: 'nothing to change' });
  if (v.problems.length) ctx.throw(422, 'invalid project', { details: v.problems });
  ctx.body = await store.projects.update(project.id, { ...(name ? { name } : {}), ...(status ? { status } : {}) });
}

export async function deleteProject(ctx: AppContext): Promise<void> {
  await store.projects.remove(ctx.state.project.id);
  ctx.status = 204;
}
