/**
 * per-request-connection: database and cache clients created inside a handler (a new
 * connection per request), and connection pools sized for a long-lived server (more than 5
 * connections: pg `max`, mysql `connectionLimit`, MongoDB `maxPoolSize`, `pool: { max }`).
 *
 * Why on Lambda: an instance serves one request at a time, and there may be hundreds of
 * instances. A client per request pays the connection handshake every time and leaks
 * connections when the instance is frozen; a pool of 20 per instance multiplies by the
 * instance count and exhausts the database's connection limit.
 *
 * Instead: create the client once per instance at module level (outside the handler) and
 * reuse it; size pools at 1–2 per instance; put RDS Proxy (or the Data API) in front of
 * relational databases.
 *
 * Before (flagged):
 *     app.get('/users', async (req, res) => { const client = new Client(); await client.connect(); ... });
 *     const pool = new Pool({ max: 20 });
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, dottedName, numberValue, objectProperty, type ReadinessFile } from '../readiness-file';

/** Module → constructors and factory calls that open connections. */
const CLIENTS: Record<string, { news: string[]; calls: string[] }> = {
  pg: { news: ['Pool', 'Client'], calls: [] },
  mysql: { news: [], calls: ['createConnection', 'createPool'] },
  mysql2: { news: [], calls: ['createConnection', 'createPool'] },
  'mysql2/promise': { news: [], calls: ['createConnection', 'createPool'] },
  mongodb: { news: ['MongoClient'], calls: ['connect'] },
  mongoose: { news: [], calls: ['connect', 'createConnection'] },
  sequelize: { news: ['Sequelize'], calls: [] },
  '@prisma/client': { news: ['PrismaClient'], calls: [] },
  redis: { news: [], calls: ['createClient'] },
  ioredis: { news: ['Redis', 'Cluster', '*'], calls: [] },
  knex: { news: [], calls: ['*'] },
};
const POOL_KEYS = ['max', 'connectionLimit', 'maxPoolSize', 'poolSize'];
const MAX_POOL = 5;

export const perRequestConnectionRule: ReadinessRule = {
  id: 'per-request-connection',
  title: 'Connections opened per request, pools sized for a server',
  severity: 'warning',
  why: 'An instance serves one request at a time and there may be hundreds of instances: a client per request reconnects every time and leaks connections when frozen, and a large pool per instance exhausts the database.',
  instead: 'Create clients once per instance at module level and reuse them, size pools at 1–2, and use RDS Proxy or the Data API for relational databases.',
  words: Object.keys(CLIENTS),
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    const opened = (node: ts.CallExpression | ts.NewExpression, kind: 'news' | 'calls'): { module: string; what: string } | undefined => {
      const dotted = dottedName(node.expression);
      if (dotted === undefined) return undefined;
      const head = dotted.split('.')[0]!;
      const binding = file.imports.get(head);
      if (!binding || !Object.hasOwn(CLIENTS, binding.module)) return undefined;
      const spec = CLIENTS[binding.module]![kind];
      const last = dotted.includes('.') ? dotted.split('.').pop()! : binding.name === 'default' || binding.name === '*' ? '*' : binding.name;
      return spec.includes(last) || (spec.includes('*') && !dotted.includes('.')) ? { module: binding.module, what: dotted } : undefined;
    };
    const check = (node: ts.CallExpression | ts.NewExpression, kind: 'news' | 'calls'): void => {
      const client = opened(node, kind);
      if (!client) return;
      const handler = file.enclosingHandler(node);
      if (handler) {
        hits.push({ at: node, scope: handler, message: `\`${kind === 'news' ? 'new ' : ''}${client.what}()\` opens a ${client.module} connection on every request` });
        return;
      }
      for (const arg of node.arguments ?? []) {
        for (const key of POOL_KEYS) {
          const size = numberValue(objectProperty(arg, key)) ?? numberValue(objectProperty(objectProperty(arg, 'pool'), key));
          if (size !== undefined && size > MAX_POOL) {
            hits.push({ at: node, scope: 'module', message: `the ${client.module} pool holds up to ${size} connections per instance (\`${key}\`); with many instances that multiplies` });
            return;
          }
        }
      }
    };
    for (const n of file.news) check(n, 'news');
    for (const c of file.calls) if (calleeName(c) !== undefined) check(c, 'calls');
    return hits;
  },
};
