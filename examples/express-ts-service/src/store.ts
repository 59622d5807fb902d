/**
 * In-memory persistence for the accounts service. Stands in for the database a real
 * deployment would use: every call is async, and records are copied on the way in and out
 * so callers can never mutate stored state by accident.
 *
 * The data is seeded deterministically; `store.reset()` puts it back to the seed, which
 * keeps test runs repeatable.
 */

export type Role = 'admin' | 'member';

export interface User {
  id: number;
  name: string;
  email: string;
  role: Role;
}

export type OrderStatus = 'pending' | 'shipped' | 'cancelled';

export interface OrderLine {
  sku: string;
  quantity: number;
  /** Price of one unit in cents. */
  unitPrice: number;
}

export interface Order {
  id: number;
  userId: number;
  status: OrderStatus;
  lines: OrderLine[];
  /** Sum of quantity × unitPrice, in cents. */
  total: number;
}

export interface ListOptions {
  role?: Role;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Seed {
  users: User[];
  orders: Order[];
}

export const defaultSeed: Seed = {
  users: [
    { id: 1, name: 'Alice Admin', email: 'alice@example.com', role: 'admin' },
    { id: 2, name: 'Bob Member', email: 'bob@example.com', role: 'member' },
    { id: 3, name: 'Carol Member', email: 'carol@example.com', role: 'member' },
  ],
  orders: [
    {
      id: 1001,
      userId: 2,
      status: 'shipped',
      lines: [{ sku: 'KB-101', quantity: 1, unitPrice: 4999 }],
      total: 4999,
    },
    {
      id: 1002,
      userId: 2,
      status: 'pending',
      lines: [
        { sku: 'MS-220', quantity: 2, unitPrice: 1950 },
        { sku: 'PAD-9', quantity: 1, unitPrice: 800 },
      ],
      total: 4700,
    },
    {
      id: 1003,
      userId: 3,
      status: 'pending',
      lines: [{ sku: 'CBL-3', quantity: 3, unitPrice: 499 }],
      total: 1497,
    },
  ],
};

export class DuplicateEmailError extends Error {
  constructor(readonly email: string) {
    super(`a user with email ${email} already exists`);
    this.name = 'DuplicateEmailError';
  }
}

const clone = <T>(value: T): T => structuredClone(value);

export interface Store {
  users: {
    list(options: ListOptions): Promise<Page<User>>;
    get(id: number): Promise<User | undefined>;
    create(input: Omit<User, 'id'>): Promise<User>;
    update(id: number, patch: Partial<Omit<User, 'id'>>): Promise<User | undefined>;
    remove(id: number): Promise<boolean>;
  };
  orders: {
    listForUser(userId: number): Promise<Order[]>;
    get(userId: number, orderId: number): Promise<Order | undefined>;
    create(userId: number, lines: OrderLine[]): Promise<Order>;
    setStatus(userId: number, orderId: number, status: OrderStatus): Promise<Order | undefined>;
  };
  /** Counts used by the readiness probe. */
  stats(): Promise<{ users: number; orders: number }>;
  /** Restores the seed data and the id sequences. */
  reset(): void;
}

export function createStore(seed: Seed = defaultSeed): Store {
  let users = new Map<number, User>();
  let orders = new Map<number, Order>();
  let nextUserId = 0;
  let nextOrderId = 0;

  function reset(): void {
    users = new Map(seed.users.map((u) => [u.id, clone(u)]));
    orders = new Map(seed.orders.map((o) => [o.id, clone(o)]));
    nextUserId = Math.max(0, ...seed.users.map((u) => u.id)) + 1;
    nextOrderId = Math.max(1000, ...seed.orders.map((o) => o.id)) + 1;
  }
  reset();

  const emailTaken = (email: string, exceptId?: number): boolean =>
    [...users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase() && u.id !== exceptId);

  return {
    users: {
      async list({ role, limit, offset }) {
        const all = [...users.values()].filter((u) => role === undefined || u.role === role);
        return { items: all.slice(offset, offset + limit).map(clone), total: all.length, limit, offset };
      },
      async get(id) {
        const user = users.get(id);
        return user && clone(user);
      },
      async create(input) {
        if (emailTaken(input.email)) throw new DuplicateEmailError(input.email);
        const user: User = { id: nextUserId++, ...input };
        users.set(user.id, user);
        return clone(user);
      },
      async update(id, patch) {
        const current = users.get(id);
        if (!current) return undefined;
        if (patch.email !== undefined && emailTaken(patch.email, id)) throw new DuplicateEmailError(patch.email);
        const updated = { ...current, ...patch, id };
        users.set(id, updated);
        return clone(updated);
      },
      async remove(id) {
        for (const [orderId, order] of orders) if (order.userId === id) orders.delete(orderId);
        return users.delete(id);
      },
    },
    orders: {
      async listForUser(userId) {
        return [...orders.values()].filter((o) => o.userId === userId).map(clone);
      },
      async get(userId, orderId) {
        const order = orders.get(orderId);
        return order && order.userId === userId ? clone(order) : undefined;
      },
      async create(userId, lines) {
        const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
        const order: Order = { id: nextOrderId++, userId, status: 'pending', lines: clone(lines), total };
        orders.set(order.id, order);
        return clone(order);
      },
      async setStatus(userId, orderId, status) {
        const order = orders.get(orderId);
        if (!order || order.userId !== userId) return undefined;
        order.status = status;
        return clone(order);
      },
    },
    async stats() {
      return { users: users.size, orders: orders.size };
    },
    reset,
  };
}

/** The store the running service uses. */
export const store = createStore();
