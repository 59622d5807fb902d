/**
 * Behaviour test for issue 13 on a service started by `http.createServer(app).listen` in its
 * entry (so importing `server.js` starts it), with `asyncHandler(controller)` middleware,
 * guards read from a module whose exports are reserved words (`locals.protected`), a path
 * that starts with the method's own word and a catch-all: migrated, loaded in a Lambda
 * environment without starting anything, replayed against the original with identical
 * answers; outside Lambda the rewritten entry still starts the server when required.
 */
import { defineServiceBehaviourTests } from './harness';

jest.setTimeout(120000);

defineServiceBehaviourTests({ example: 'express-links-service', listensOnImport: true });
