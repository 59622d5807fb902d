import express from 'express';
import { SERVICE_NAME } from '@config';
import type { Routes } from '@/interfaces/routes.interface';
import { ErrorMiddleware } from '@middlewares/error.middleware';
import { poweredBy } from '@middlewares/powered-by.middleware';

export class App {
  public app: express.Application;
  public port: string | number;

  constructor(routes: Routes[]) {
    this.app = express();
    this.port = process.env.PORT ?? 3000;

    this.initializeMiddlewares();
    this.initializeRoutes(routes);
    this.initializeErrorHandling();
  }

  public listen() {
    const server = this.app.listen(this.port, () => {
      const address = server.address();
      console.log(`${SERVICE_NAME} listening on ${typeof address === 'object' && address ? address.port : address}`);
    });
  }

  public getServer() {
    return this.app;
  }

  private initializeMiddlewares() {
    this.app.disable('x-powered-by');
    this.app.use(poweredBy(SERVICE_NAME));
    this.app.use(express.json());
  }

  private initializeRoutes(routes: Routes[]) {
    routes.forEach((route) => {
      this.app.use('/', route.router);
    });
  }

  private initializeErrorHandling() {
    this.app.use(ErrorMiddleware);
  }
}
