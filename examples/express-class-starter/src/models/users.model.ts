import type { User } from '@/interfaces/users.interface';

/** In-memory table standing in for a database. */
export const userModel: User[] = [
  { id: 1, email: 'ada@example.com', name: 'Ada' },
  { id: 2, email: 'grace@example.com', name: 'Grace' },
];
