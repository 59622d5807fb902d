/**
 * Behaviour test of the Express migration (issue 3, "Done when"): each sample service is
 * migrated in a temp copy, and its requests.json is replayed in order against
 *   1. the original service, untouched, started as `npm start` starts it (real HTTP);
 *   2. the rewritten service in the migrated copy, started the same way (real HTTP);
 *   3. the generated Lambda handlers, all loaded in one process, invoked with API Gateway
 *      REST (v1), HTTP API (v2) and ALB events built from the same requests;
 * and every response of 2 and 3 must equal the original's (status, headers except date, etag,
 * connection, keep-alive and transfer-encoding, Set-Cookie as a list, body bytes).
 * The run itself must be clean, cover every route, be idempotent, and (TypeScript) compile
 * under --strict. See test/behaviour/harness/README.md for how the harness works.
 */
import { defineServiceBehaviourTests } from './harness';

// ~1 min on 2 cores: three migrations, 15 child processes, ~145 requests × 4 targets.
jest.setTimeout(120000);

defineServiceBehaviourTests({ example: 'express-ts-service', listensOnImport: false });
defineServiceBehaviourTests({ example: 'express-cjs-service', listensOnImport: true });
defineServiceBehaviourTests({ example: 'express5-esm-service', listensOnImport: false });
