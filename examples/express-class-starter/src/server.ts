import { App } from '@/app';
import { IndexRoute } from '@routes/index.route';
import { UserRoute } from '@routes/users.route';

const app = new App([new IndexRoute(), new UserRoute()]);

app.listen();
