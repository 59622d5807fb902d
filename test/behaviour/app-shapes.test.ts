/**
 * Behaviour test of services written in the shapes real projects have (issue 12): each is
 * migrated in a temp copy and its requests.json replayed against the original over HTTP, the
 * rewritten service and the generated handlers (v1, v2, ALB); see harness/README.md.
 *
 * express-class-starter: the class-based TypeScript starter shape (App class, route classes,
 * controllers with arrow-function fields, `@/` and `@routes/*` tsconfig path aliases).
 */
import { defineServiceBehaviourTests } from './harness';

jest.setTimeout(120000);

// The app lives on a class field: the whole-app fallback imports the instance server.ts creates
// (exported by the rewrite, its `app.listen()` under the Lambda guard) and serves `app.app`; the
// unknown path and the unrouted method get the original's 404.
defineServiceBehaviourTests({ example: 'express-class-starter', listensOnImport: false });
