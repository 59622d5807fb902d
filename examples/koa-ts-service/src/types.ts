import type { RouterContext } from '@koa/router';
import type { Project, Task, User } from './store';

/** What middleware leaves on `ctx.state` for the handlers after it. */
export interface AppState {
  requestId?: string;
  /** Set by `authenticate`. */
  user: User;
  /** Set by the `projectId` param handler. */
  project: Project;
  /** Set by the `taskId` param handler. */
  task: Task;
}

/** Context of a route handler. */
export type AppContext = RouterContext<AppState>;

declare module 'koa' {
  interface Request {
    /** Parsed JSON body, set by `jsonBody`. */
    body?: unknown;
  }
}
