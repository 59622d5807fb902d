import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'admin' | 'member';
export type ProjectStatus = 'active' | 'archived';

export interface User {
  id: number;
  username: string;
  name: string;
  role: Role;
}

export interface Project {
  id: number;
  name: string;
  ownerId: number;
  memberIds: number[];
  status: ProjectStatus;
}

export interface Task {
  id: number;
  projectId: number;
  title: string;
  done: boolean;
  assigneeId: number | null;
}

interface StoredUser extends User {
  passwordHash: string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Deterministic seed: tests and the request table rely on these ids. */
function seed(): { users: StoredUser[]; projects: Project[]; tasks: Task[] } {
  return {
    users: [
      { id: 1, username: 'alice', name: 'Alice Admin', role: 'admin', passwordHash: sha256('alice-password').toString('hex') },
      { id: 2, username: 'bob', name: 'Bob Builder', role: 'member', passwordHash: sha256('bob-password').toString('hex') },
      { id: 3, username: 'carol', name: 'Carol Coder', role: 'member', passwordHash: sha256('carol-password').toString('hex') },
    ],
    projects: [
      { id: 1, name: 'Website relaunch', ownerId: 2, memberIds: [2, 3], status: 'active' },
      { id: 2, name: 'Billing migration', ownerId: 1, memberIds: [1], status: 'active' },
      { id: 3, name: 'Old intranet', ownerId: 3, memberIds: [3], status: 'archived' },
    ],
    tasks: [
      { id: 1, projectId: 1, title: 'Pick a colour palette', done: true, assigneeId: 3 },
      { id: 2, projectId: 1, title: 'Write the landing page copy', done: false, assigneeId: 2 },
      { id: 3, projectId: 1, title: 'Set up redirects', done: false, assigneeId: null },
      { id: 4, projectId: 2, title: 'Export invoices', done: false, assigneeId: 1 },
    ],
  };
}

/** Copies out, so callers never mutate stored records by accident. */
const copy = <T>(value: T): T => structuredClone(value);

/** An async in-memory store, shaped like a database client. */
class Store {
  private data = seed();

  /** Back to the seed (tests). */
  reset(): void {
    this.data = seed();
  }

  private nextId(items: Array<{ id: number }>): number {
    return items.reduce((max, item) => Math.max(max, item.id), 0) + 1;
  }

  readonly users = {
    get: async (id: number): Promise<User | undefined> => {
      const user = this.data.users.find((u) => u.id === id);
      if (!user) return undefined;
      const { passwordHash: _ignored, ...rest } = user;
      return copy(rest);
    },
    /** The user whose password matches, compared in constant time. */
    authenticate: async (username: string, password: string): Promise<User | undefined> => {
      const user = this.data.users.find((u) => u.username === username);
      const candidate = sha256(password);
      const expected = user ? Buffer.from(user.passwordHash, 'hex') : sha256('');
      if (!timingSafeEqual(candidate, expected) || !user) return undefined;
      return this.users.get(user.id);
    },
  };

  readonly projects = {
    list: async (filter: { status?: ProjectStatus; visibleTo: User }): Promise<Project[]> =>
      copy(
        this.data.projects.filter(
          (p) => (!filter.status || p.status === filter.status) && (filter.visibleTo.role === 'admin' || p.memberIds.includes(filter.visibleTo.id)),
        ),
      ),
    get: async (id: number): Promise<Project | undefined> => copy(this.data.projects.find((p) => p.id === id)),
    create: async (fields: Omit<Project, 'id'>): Promise<Project> => {
      const project = { id: this.nextId(this.data.projects), ...fields };
      this.data.projects.push(project);
      return copy(project);
    },
    update: async (id: number, fields: Partial<Pick<Project, 'name' | 'status'>>): Promise<Project | undefined> => {
      const project = this.data.projects.find((p) => p.id === id);
      if (!project) return undefined;
      Object.assign(project, fields);
      return copy(project);
    },
    remove: async (id: number): Promise<boolean> => {
      const before = this.data.projects.length;
      this.data.projects = this.data.projects.filter((p) => p.id !== id);
      this.data.tasks = this.data.tasks.filter((t) => t.projectId !== id);
      return this.data.projects.length < before;
    },
  };

  readonly tasks = {
    list: async (projectId: number, filter: { done?: boolean } = {}): Promise<Task[]> =>
      copy(this.data.tasks.filter((t) => t.projectId === projectId && (filter.done === undefined || t.done === filter.done))),
    get: async (projectId: number, id: number): Promise<Task | undefined> =>
      copy(this.data.tasks.find((t) => t.projectId === projectId && t.id === id)),
    create: async (fields: Omit<Task, 'id' | 'done'>): Promise<Task> => {
      const task = { id: this.nextId(this.data.tasks), done: false, ...fields };
      this.data.tasks.push(task);
      return copy(task);
    },
    complete: async (id: number): Promise<Task | undefined> => {
      const task = this.data.tasks.find((t) => t.id === id);
      if (!task) return undefined;
      task.done = true;
      return copy(task);
    },
  };

  async counts(): Promise<{ projects: number; tasks: number }> {
    return { projects: this.data.projects.length, tasks: this.data.tasks.length };
  }
}

export const store = new Store();
