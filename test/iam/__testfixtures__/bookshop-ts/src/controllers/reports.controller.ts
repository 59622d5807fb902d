import { archiveOrders, expireSessions } from '../services/archive.service';

export const reportsController = {
  async archive(): Promise<void> {
    await archiveOrders();
    await expireSessions();
  },
};
