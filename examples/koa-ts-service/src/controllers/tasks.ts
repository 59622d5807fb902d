import type { Next } from 'koa';
import { store } from '../store';
import type { AppContext } from '../types';
import { Validator } from '../validation';

/** Param handler for `:taskId`: a task of the project loaded by `:projectId`, else 404. */
export async function loadTask(id: string, ctx: AppContext, next: Next): Promise<void> {
  const task = /^\d+$/.test(id) ? await store.tasks.get(ctx.state.project.id, Number(id)) : undefined;
  if (!task) return ctx.throw(404, `task ${id} not found in project ${ctx.state.project.id}`);
  ctx.state.task = task;
  await next();
}

export async function listTasks(ctx: AppContext): Promise<void> {
  const { done } = ctx.query;
  if (done !== undefined && done !== 'true' && done !== 'false') ctx.throw(400, 'done must be true or false');
  const items = await store.tasks.list(ctx.state.project.id, done === undefined ? {} : { done: done === 'true' });
  ctx.body = { items, total: items.length };
}

export async function createTask(ctx: AppContext): Promise<void> {
  const { project } = ctx.state;
  const v = new Validator(ctx.request.body);
  const title = v.string('title', { required: true, max: 200 });
  const assigneeId = v.integerOrNull('assigneeId');
  if (typeof assigneeId === 'number' && !project.memberIds.includes(assigneeId)) {
    v.problems.push({ field: 'assigneeId', message: 'must be a member of the project' });
  }
  if (v.problems.length) ctx.throw(422, 'invalid task', { details: v.problems });
  const task = await store.tasks.create({ projectId: project.id, title: title!, assigneeId: assigneeId ?? null });
  ctx.status = 201;
  ctx.set('Location', `/api/v1/projects/${project.id}/tasks/${task.id}`);
  ctx.body = task;
}

export async function getTask(ctx: AppContext): Promise<void> {
  ctx.body = ctx.state.task;
}

export async function completeTask(ctx: AppContext): Promise<void> {
  const { task } = ctx.state;
  if (task.done) ctx.throw(409, `task ${task.id} is already done`);
  ctx.body = await store.tasks.complete(task.id);
}
