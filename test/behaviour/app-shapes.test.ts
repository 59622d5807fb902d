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

// The app lives on a class field (`new App(routes).app`), which no module can import yet: no
// whole-app fallback, and the migration says so at the app's creation.
defineServiceBehaviourTests({ example: 'express-class-starter', listensOnImport: false, expectedWarnings: ['plan/fallback-unavailable'] });
