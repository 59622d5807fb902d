/**
 * The "dependencies" of the benchmark services' routers, as real services have them: for each
 * domain, three generated local modules of realistic size and shape, plus one real package
 * from the repo's node_modules that only that domain's controller uses.
 *
 * - `lib/<domain>/schemas.js` (~120 KB): request/record schemas built at import time with a
 *   small zod-like library (`lib/validator.js`), as validation libraries do;
 * - `lib/<domain>/catalog.js` (~100 KB): rule tables and messages, indexed at import time;
 * - `lib/<domain>/client.js` (~100 KB): an SDK-like API client class with ~100 methods.
 *
 * Everything is deterministic (seeded), so every run loads the same code.
 */
import { rng, type Rng } from '../lib/common';

export interface Domain {
  /** Plural path segment and file name: `payments`. */
  name: string;
  /** Capitalised singular: `Payment`. */
  entity: string;
  /** Id prefix: `pay`. */
  prefix: string;
  /** The real package only this domain uses, and how its controller uses it. */
  pkg: { name: string; require: string; setup?: string; render: string };
}

export const DOMAINS: readonly Domain[] = [
  { name: 'users', entity: 'User', prefix: 'usr', pkg: { name: 'luxon', require: `const { DateTime } = require('luxon');`, render: `DateTime.fromISO(item.createdAt).toUTC().toFormat('yyyy-LL-dd HH:mm')` } },
  { name: 'orders', entity: 'Order', prefix: 'ord', pkg: { name: 'handlebars', require: `const Handlebars = require('handlebars');`, setup: `const summaryTemplate = Handlebars.compile('Order {{id}}: {{status}} ({{amount}} {{currency}})');`, render: `summaryTemplate(item)` } },
  { name: 'products', entity: 'Product', prefix: 'prd', pkg: { name: 'yaml', require: `const YAML = require('yaml');`, render: `YAML.stringify(item)` } },
  { name: 'invoices', entity: 'Invoice', prefix: 'inv', pkg: { name: 'semver', require: `const semver = require('semver');`, render: `semver.valid(semver.coerce(String(item.revision)))` } },
  { name: 'payments', entity: 'Payment', prefix: 'pay', pkg: { name: 'diff', require: `const { diffJson } = require('diff');`, render: `diffJson({ ...item, status: 'pending' }, item).length` } },
  { name: 'shipments', entity: 'Shipment', prefix: 'shp', pkg: { name: 'js-yaml', require: `const jsYaml = require('js-yaml');`, render: `jsYaml.dump(item)` } },
  { name: 'reviews', entity: 'Review', prefix: 'rev', pkg: { name: 'cron-parser', require: `const cronParser = require('cron-parser');`, render: `cronParser.parseExpression('0 9 * * 1', { currentDate: new Date(item.createdAt) }).next().toISOString()` } },
  { name: 'inventory', entity: 'StockItem', prefix: 'stk', pkg: { name: 'form-data', require: `const FormData = require('form-data');`, render: `(() => { const form = new FormData(); form.append('item', JSON.stringify(item)); return form.getBoundary().length; })()` } },
  { name: 'reports', entity: 'Report', prefix: 'rpt', pkg: { name: 'croner', require: `const { Cron } = require('croner');`, render: `new Cron('0 9 * * 1', { paused: true }).nextRun(new Date(item.createdAt)).toISOString()` } },
  { name: 'notifications', entity: 'Notification', prefix: 'ntf', pkg: { name: 'picomatch', require: `const picomatch = require('picomatch');`, setup: `const isPublicField = picomatch(['id', 'status', 'amount*', 'created*', 'tags']);`, render: `Object.keys(item).filter((key) => isPublicField(key))` } },
];

const WORDS = ['account', 'address', 'amount', 'balance', 'batch', 'carrier', 'channel', 'comment', 'country', 'currency', 'customer', 'discount', 'due', 'email', 'external', 'fee', 'handle', 'label', 'limit', 'locale', 'margin', 'merchant', 'note', 'owner', 'parcel', 'phone', 'priority', 'quota', 'rating', 'reason', 'reference', 'region', 'score', 'segment', 'sku', 'source', 'tax', 'tier', 'title', 'token', 'total', 'unit', 'vendor', 'weight', 'window', 'zone'];
const REGIONS = ['EU', 'US', 'UK', 'APAC', 'LATAM', 'MEA'];

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** A small zod-like validation library, shared by every domain (like one validator package). */
export const VALIDATOR_JS = `'use strict';
// A small zod-like schema library: schemas are plain objects built at import time.

class ValidationError extends Error {
  constructor(issues) {
    super(\`validation failed: \${issues.map((i) => \`\${i.path || '(root)'} \${i.message}\`).join('; ')}\`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

class Schema {
  constructor() {
    this.checks = [];
    this.isOptional = false;
    this.isNullable = false;
    this.description = undefined;
    this.defaultValue = undefined;
  }
  clone() {
    const copy = Object.create(Object.getPrototypeOf(this));
    Object.assign(copy, this);
    copy.checks = [...this.checks];
    return copy;
  }
  optional() { const s = this.clone(); s.isOptional = true; return s; }
  nullable() { const s = this.clone(); s.isNullable = true; return s; }
  default(value) { const s = this.clone(); s.defaultValue = value; s.isOptional = true; return s; }
  describe(text) { const s = this.clone(); s.description = text; return s; }
  refine(check, message) { const s = this.clone(); s.checks.push({ check, message }); return s; }
  safeParse(value) {
    const issues = [];
    const data = this.run(value, [], issues);
    return issues.length ? { success: false, issues } : { success: true, data };
  }
  parse(value) {
    const result = this.safeParse(value);
    if (!result.success) throw new ValidationError(result.issues);
    return result.data;
  }
  run(value, path, issues) {
    if (value === undefined) {
      if (this.defaultValue !== undefined) return typeof this.defaultValue === 'function' ? this.defaultValue() : this.defaultValue;
      if (this.isOptional) return undefined;
    }
    if (value === null && this.isNullable) return null;
    const before = issues.length;
    const out = this.check(value, path, issues);
    if (issues.length > before) return out;
    for (const { check, message } of this.checks) {
      if (!check(out)) issues.push({ path: path.join('.'), message });
    }
    return out;
  }
  check(value) { return value; }
}

class StringSchema extends Schema {
  check(value, path, issues) {
    if (typeof value !== 'string') issues.push({ path: path.join('.'), message: 'expected a string' });
    return value;
  }
  min(n) { return this.refine((v) => v.length >= n, \`must have at least \${n} characters\`); }
  max(n) { return this.refine((v) => v.length <= n, \`must have at most \${n} characters\`); }
  regex(re, message = \`must match \${re}\`) { return this.refine((v) => re.test(v), message); }
  email() { return this.regex(/^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/, 'must be an email address'); }
  uuid() { return this.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, 'must be a UUID'); }
  datetime() { return this.refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date-time'); }
}

class NumberSchema extends Schema {
  check(value, path, issues) {
    if (typeof value !== 'number' || Number.isNaN(value)) issues.push({ path: path.join('.'), message: 'expected a number' });
    return value;
  }
  int() { return this.refine((v) => Number.isInteger(v), 'must be an integer'); }
  min(n) { return this.refine((v) => v >= n, \`must be at least \${n}\`); }
  max(n) { return this.refine((v) => v <= n, \`must be at most \${n}\`); }
  positive() { return this.refine((v) => v > 0, 'must be positive'); }
}

class BooleanSchema extends Schema {
  check(value, path, issues) {
    if (typeof value !== 'boolean') issues.push({ path: path.join('.'), message: 'expected a boolean' });
    return value;
  }
}

class EnumSchema extends Schema {
  constructor(values) {
    super();
    this.values = values;
    this.allowed = new Set(values);
  }
  check(value, path, issues) {
    if (!this.allowed.has(value)) issues.push({ path: path.join('.'), message: \`must be one of \${this.values.join(', ')}\` });
    return value;
  }
}

class ArraySchema extends Schema {
  constructor(item) {
    super();
    this.item = item;
  }
  check(value, path, issues) {
    if (!Array.isArray(value)) {
      issues.push({ path: path.join('.'), message: 'expected an array' });
      return value;
    }
    return value.map((v, i) => this.item.run(v, [...path, i], issues));
  }
  min(n) { return this.refine((v) => v.length >= n, \`must have at least \${n} items\`); }
  max(n) { return this.refine((v) => v.length <= n, \`must have at most \${n} items\`); }
}

class ObjectSchema extends Schema {
  constructor(shape) {
    super();
    this.shape = shape;
    this.keys = Object.keys(shape);
  }
  check(value, path, issues) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ path: path.join('.'), message: 'expected an object' });
      return value;
    }
    const out = {};
    for (const key of this.keys) {
      const v = this.shape[key].run(value[key], [...path, key], issues);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  extend(shape) { return new ObjectSchema({ ...this.shape, ...shape }); }
  pick(keys) { return new ObjectSchema(Object.fromEntries(keys.filter((k) => k in this.shape).map((k) => [k, this.shape[k]]))); }
  omit(keys) { return new ObjectSchema(Object.fromEntries(this.keys.filter((k) => !keys.includes(k)).map((k) => [k, this.shape[k]]))); }
  partial() { return new ObjectSchema(Object.fromEntries(this.keys.map((k) => [k, this.shape[k].optional()]))); }
}

module.exports = {
  ValidationError,
  string: () => new StringSchema(),
  number: () => new NumberSchema(),
  boolean: () => new BooleanSchema(),
  enum: (values) => new EnumSchema(values),
  array: (item) => new ArraySchema(item),
  object: (shape) => new ObjectSchema(shape),
};
`;

function fieldSchema(r: Rng): string {
  switch (r.int(0, 7)) {
    case 0:
      return `v.string().min(${r.int(1, 3)}).max(${r.pick([32, 64, 120, 255, 2000])})`;
    case 1:
      return `v.number().int().min(0).max(${r.pick([100, 9999, 1000000])})`;
    case 2:
      return `v.boolean()`;
    case 3:
      return `v.enum([${Array.from({ length: r.int(2, 6) }, () => `'${r.pick(WORDS)}-${r.int(0, 99)}'`).join(', ')}])`;
    case 4:
      return `v.array(v.string().max(${r.int(16, 64)})).max(${r.int(5, 50)})`;
    case 5:
      return `v.string().datetime()`;
    case 6:
      return `v.string().regex(/^[A-Z]{2}-\\d{${r.int(3, 8)}}$/, 'must look like XX-${'9'.repeat(3)}')`;
    default:
      return `Money`;
  }
}

/** `lib/<domain>/schemas.js`: ~150 object schemas, built when the module loads. */
export function schemasModule(d: Domain, seed: number): string {
  const r = rng(seed);
  const out: string[] = [`'use strict';`, `// ${d.entity} schemas: request bodies, records and events of the ${d.name} API.`, `const v = require('../validator');`, ''];
  out.push(`const Money = v.object({ amount: v.number().int().min(0), currency: v.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code') });`);
  out.push(`const Status = v.enum(['draft', 'pending', 'active', 'suspended', 'archived']);`, '');
  const names: string[] = [];
  for (let i = 0; i < 150; i++) {
    const name = `${d.entity}${cap(r.pick(WORDS))}${i}`;
    names.push(name);
    out.push(`/** ${d.entity} ${r.pick(WORDS)} ${r.pick(WORDS)} (${i}). */`);
    out.push(`const ${name} = v`, `  .object({`, `    id: v.string().regex(/^${d.prefix}_[0-9]{5}$/, 'must be a ${d.prefix}_ id'),`);
    const fields = new Set<string>();
    for (let f = 0, n = r.int(5, 14); f < n; f++) fields.add(`${r.pick(WORDS)}${cap(r.pick(WORDS))}`);
    for (const f of fields) out.push(`    ${f}: ${fieldSchema(r)}${r.chance(0.35) ? '.optional()' : ''},`);
    out.push(`    status: Status${r.chance(0.5) ? `.default('pending')` : ''},`, `  })`, `  .describe('${d.entity} ${i}');`, '');
  }
  out.push(
    `const create${d.entity} = v.object({`,
    `  amount: v.number().int().min(0).max(100000000),`,
    `  currency: v.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),`,
    `  region: v.enum(${JSON.stringify(REGIONS).replace(/"/g, "'")}),`,
    `  tags: v.array(v.string().max(32)).max(20).default(() => []),`,
    `  note: v.string().max(2000).optional(),`,
    `});`,
    `const update${d.entity} = create${d.entity}.partial().extend({ status: Status.optional() });`,
    '',
    `module.exports = { Money, Status, create: create${d.entity}, update: update${d.entity}, ${names.join(', ')} };`,
    '',
  );
  return out.join('\n');
}

/** `lib/<domain>/catalog.js`: ~700 rules and ~300 messages, indexed when the module loads. */
export function catalogModule(d: Domain, seed: number): { source: string; helpers: string[] } {
  const r = rng(seed);
  const code = d.prefix.toUpperCase();
  const out: string[] = [`'use strict';`, `// Business rules and messages of the ${d.name} domain (generated from the rules spreadsheet).`, '', 'const RULES = ['];
  for (let i = 0; i < 700; i++) {
    out.push(
      `  { code: '${code}-${String(i).padStart(4, '0')}', region: '${r.pick(REGIONS)}', rate: ${(r.next() * 0.3).toFixed(4)}, label: '${cap(r.pick(WORDS))} ${r.pick(WORDS)} rule for ${r.pick(WORDS)} ${r.pick(WORDS)}', limits: [${r.int(1, 100)}, ${r.int(100, 5000)}, ${r.int(5000, 100000)}], flags: [${Array.from({ length: r.int(0, 3) }, () => `'${r.pick(WORDS)}'`).join(', ')}] },`,
    );
  }
  out.push('];', '', 'const MESSAGES = {');
  for (let i = 0; i < 300; i++) {
    out.push(`  ${code}_E${String(i).padStart(4, '0')}: 'The ${r.pick(WORDS)} of this ${d.entity.toLowerCase()} could not be ${r.pick(['validated', 'applied', 'matched', 'settled', 'verified'])}: {${r.pick(WORDS)}} is ${r.pick(['missing', 'too large', 'not allowed', 'expired'])} for {${r.pick(WORDS)}}.',`);
  }
  out.push('};', '');
  out.push(
    `const byCode = new Map(RULES.map((rule) => [rule.code, rule]));`,
    `const byRegion = RULES.reduce((acc, rule) => {`,
    `  (acc[rule.region] = acc[rule.region] || []).push(rule);`,
    `  return acc;`,
    `}, {});`,
    `const byFlag = new Map();`,
    `for (const rule of RULES) for (const flag of rule.flags) byFlag.set(flag, [...(byFlag.get(flag) || []), rule]);`,
    '',
    `function ruleFor(code) {`,
    `  return byCode.get(code) || null;`,
    `}`,
    '',
    `function rulesIn(region) {`,
    `  return byRegion[region] || [];`,
    `}`,
    '',
    `function message(key, params = {}) {`,
    `  const template = MESSAGES[key];`,
    `  if (!template) return key;`,
    `  return template.replace(/\\{(\\w+)\\}/g, (_, name) => (name in params ? String(params[name]) : \`{\${name}}\`));`,
    `}`,
    '',
  );
  const helpers: string[] = [];
  for (let i = 0; i < 25; i++) {
    const name = `${r.pick(['apply', 'compute', 'check', 'score', 'limit'])}${cap(r.pick(WORDS))}${i}`;
    helpers.push(name);
    out.push(
      `function ${name}(amount, region, flags = []) {`,
      `  let total = amount;`,
      `  for (const rule of rulesIn(region)) {`,
      `    if (rule.flags.some((f) => flags.includes(f))) continue;`,
      `    if (total > rule.limits[${r.int(0, 2)}]) total -= Math.round(total * rule.rate * ${(r.next() + 0.1).toFixed(2)});`,
      `  }`,
      `  return Math.max(0, total);`,
      `}`,
      '',
    );
  }
  out.push(`module.exports = { RULES, MESSAGES, byFlag, ruleFor, rulesIn, message, ${helpers.join(', ')} };`, '');
  return { source: out.join('\n'), helpers };
}

/** `lib/<domain>/client.js`: an SDK-like client of the domain's upstream API, ~100 methods. */
export function clientModule(d: Domain, seed: number): string {
  const r = rng(seed);
  const cls = `${d.entity}ApiClient`;
  const out: string[] = [
    `'use strict';`,
    `// Client of the upstream ${d.name} API (generated from its OpenAPI document).`,
    `const https = require('https');`,
    `const { URL, URLSearchParams } = require('url');`,
    '',
    `class ${cls}Error extends Error {`,
    `  constructor(status, body) {`,
    `    super(\`${d.name} API answered \${status}\`);`,
    `    this.status = status;`,
    `    this.body = body;`,
    `  }`,
    `}`,
    '',
    `class ${cls} {`,
    `  constructor(options = {}) {`,
    `    this.baseUrl = new URL(options.baseUrl || 'https://${d.name}.internal.example.com');`,
    `    this.timeoutMs = options.timeoutMs || 3000;`,
    `    this.retries = options.retries === undefined ? 2 : options.retries;`,
    `    this.agent = new https.Agent({ keepAlive: true, maxSockets: 16 });`,
    `    this.headers = { accept: 'application/json', 'user-agent': '${d.name}-client/3.4.1', ...(options.headers || {}) };`,
    `  }`,
    '',
    `  request(method, path, body) {`,
    `    const url = new URL(path, this.baseUrl);`,
    `    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));`,
    `    const attempt = (n) =>`,
    `      new Promise((resolve, reject) => {`,
    `        const req = https.request(url, { method, agent: this.agent, timeout: this.timeoutMs, headers: { ...this.headers, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) } }, (res) => {`,
    `          const chunks = [];`,
    `          res.on('data', (c) => chunks.push(c));`,
    `          res.on('end', () => {`,
    `            const text = Buffer.concat(chunks).toString('utf8');`,
    `            const parsed = text ? JSON.parse(text) : null;`,
    `            if (res.statusCode >= 500 && n < this.retries) return resolve(attempt(n + 1));`,
    `            if (res.statusCode >= 400) return reject(new ${cls}Error(res.statusCode, parsed));`,
    `            resolve(parsed);`,
    `          });`,
    `        });`,
    `        req.on('timeout', () => req.destroy(new Error('timeout')));`,
    `        req.on('error', (err) => (n < this.retries ? resolve(attempt(n + 1)) : reject(err)));`,
    `        if (payload) req.write(payload);`,
    `        req.end();`,
    `      });`,
    `    return attempt(0);`,
    `  }`,
    '',
  ];
  for (let i = 0; i < 100; i++) {
    const resource = `${r.pick(WORDS)}${cap(r.pick(WORDS))}`;
    const verb = r.pick(['list', 'get', 'create', 'update', 'delete', 'search']);
    const method = { list: 'GET', get: 'GET', create: 'POST', update: 'PATCH', delete: 'DELETE', search: 'POST' }[verb];
    const params = Array.from({ length: r.int(1, 5) }, () => `${r.pick(WORDS)}${cap(r.pick(WORDS))}`);
    out.push(`  /** ${method} /v2/${d.name}/{id}/${resource} */`, `  async ${verb}${cap(resource)}${i}(id, params = {}) {`, `    const query = new URLSearchParams();`);
    for (const p of params) out.push(`    if (params.${p} !== undefined) query.set('${p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}', String(params.${p}));`);
    out.push(
      `    const body = await this.request('${method}', \`/v2/${d.name}/\${encodeURIComponent(id)}/${resource}?\${query}\`${method === 'POST' || method === 'PATCH' ? ', params' : ''});`,
      `    if (!body) return null;`,
      `    const items = Array.isArray(body.items) ? body.items : [body];`,
      `    return items.map((item) => ({`,
      `      id: item.id,`,
      `      ${params[0]}: item.${params[0]!.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} ?? null,`,
      `      createdAt: item.created_at ? new Date(item.created_at) : null,`,
      `      updatedAt: item.updated_at ? new Date(item.updated_at) : null,`,
      `    }));`,
      `  }`,
      '',
    );
  }
  out.push(`}`, '', `module.exports = { ${cls}, ${cls}Error, createClient: (options) => new ${cls}(options) };`, '');
  return out.join('\n');
}
