/**
 * AWS SDK calls in one source file, found syntactically:
 *
 * - v3 commands: `client.send(new GetObjectCommand({ Bucket, Key }))` (any `new XCommand(...)`
 *   imported from `@aws-sdk/client-*` or `@aws-sdk/lib-dynamodb`), paginators
 *   (`paginateListObjectsV2(config, input)`), `new Upload({ params })` from `@aws-sdk/lib-storage`,
 *   and aggregated clients (`new S3({}).getObject(input)`, `DynamoDBDocument.from(c).get(input)`);
 * - v2: `new AWS.S3().getObject(input)`, `const s3 = new S3()` then `s3.putObject(...)`,
 *   `this.ddb = new AWS.DynamoDB.DocumentClient()` then `this.ddb.query(...)`.
 *
 * Each input field the permissions depend on (`Bucket`, `TableName`, ...) is resolved to a
 * literal, an environment variable (`process.env.X`, through consts, object literals and class
 * fields of the same file), or unknown.
 */
import { ts } from 'ts-morph';

export type ArgValue = { kind: 'literal'; value: string } | { kind: 'env'; name: string } | { kind: 'unknown' };

export interface SdkCall {
  /** IAM service prefix, e.g. `s3`, `dynamodb`, `secretsmanager`. */
  service: string;
  /** API operation as the SDK names it (`GetObject`); DynamoDB document-client operations are named for the table operation they perform (`Get` → `GetItem`). */
  operation: string;
  /** Input fields, resolved. A missing key is a field the call does not set. */
  input: Record<string, ArgValue>;
  /** The call's 1-based position. */
  line: number;
  column: number;
  /** Short text naming the call, e.g. `new GetObjectCommand(...)` or `s3.getObject(...)`. */
  text: string;
}

/** v3 client packages whose IAM prefix is not the package suffix without hyphens. */
const V3_PREFIX: Record<string, string> = {
  'cloudwatch-logs': 'logs',
  eventbridge: 'events',
  sfn: 'states',
  'cognito-identity-provider': 'cognito-idp',
  sesv2: 'ses',
  apigatewaymanagementapi: 'execute-api',
  'dynamodb-streams': 'dynamodb',
  'lib-dynamodb': 'dynamodb',
  'lib-storage': 's3',
};

/** v2 service classes whose IAM prefix is not the lower-cased class name. */
const V2_PREFIX: Record<string, string> = {
  CloudWatchLogs: 'logs',
  EventBridge: 'events',
  StepFunctions: 'states',
  CognitoIdentityServiceProvider: 'cognito-idp',
  ApiGatewayManagementApi: 'execute-api',
  SESV2: 'ses',
};

/** v2 methods that are not operations. */
const NOT_OPERATIONS = new Set(['promise', 'on', 'send', 'config', 'makeRequest', 'makeUnauthenticatedRequest', 'waitFor', 'setupRequestListeners', 'defineService', 'createPresignedPost', 'destroy', 'middlewareStack', 'createSet']);

const DOCUMENT_OPERATIONS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement',
  BatchExecuteStatement: 'BatchExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
  Query: 'Query',
  Scan: 'Scan',
};

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function v3Prefix(pkg: string): string | null {
  const m = /^@aws-sdk\/((?:client|lib)-[a-z0-9-]+)$/.exec(pkg);
  if (!m) return null;
  const name = m[1]!.replace(/^client-/, '');
  return V3_PREFIX[name] ?? V3_PREFIX[m[1]!] ?? name.replace(/-/g, '');
}

/** What a local name stands for. */
type Binding =
  | { kind: 'import'; module: string; name: string } // `name` is the export, `*` for a namespace/default
  | { kind: 'client'; service: string; document: boolean };

function isProcessEnv(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process';
}

function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n) || ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
    else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) n = n.left;
    else return n;
  }
}

/** A client instance another module exports (`export const s3 = new AWS.S3()`). */
export interface SharedClient {
  service: string;
  document: boolean;
}

/** Looks up the client a relative module exports under `name`; null when it is not one. */
export type ClientLookup = (specifier: string, name: string) => SharedClient | null;

/** A call on a value that holds an AWS client only on some paths: its permission cannot be inferred. */
export interface UnresolvedCall {
  line: number;
  column: number;
  text: string;
  reason: string;
}

export interface FileScan {
  calls: SdkCall[];
  /** Calls whose client is not statically clear (reported, not granted). */
  unresolved?: UnresolvedCall[];
  /** Top-level consts holding clients, by name: what importers may call. */
  clients: Record<string, SharedClient>;
}

/** Every function-like node with parameters (methods, callbacks, ...) in the file. */
function collectSignatures(source: ts.SourceFile): ts.SignatureDeclaration[] {
  const out: ts.SignatureDeclaration[] = [];
  const walk = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && node.parameters.length) out.push(node);
    ts.forEachChild(node, walk);
  };
  walk(source);
  return out;
}

/** The parameter `id` refers to, when the nearest function declaring that name declares it as a parameter. */
function enclosingParameter(id: ts.Identifier): ts.ParameterDeclaration | null {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n)) {
      const p = n.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === id.text);
      if (p) return p;
    }
  }
  return null;
}

export function scanSdkCalls(fileName: string, text: string, lookup: ClientLookup = () => null): FileScan {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : /\.(c|m)?ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const bindings = new Map<string, Binding>();
  const consts = new Map<string, ts.Expression>();
  const fields = new Map<string, ts.Expression>();
  const clientFields = new Map<string, Binding>();
  /** Functions and classes by name (for clients passed to them at same-file call sites). */
  const callables = new Map<string, ts.SignatureDeclaration>();
  const callSites: Array<ts.CallExpression | ts.NewExpression> = [];
  /** Parameters known to hold a client: by type annotation or by what every same-file call passes. */
  const paramClients = new Map<ts.ParameterDeclaration, Binding | 'conflict'>();

  // Pass 1: imports, requires, consts and class fields.
  const collect = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.importClause) {
      const module = node.moduleSpecifier.text;
      const c = node.importClause;
      if (c.name) bindings.set(c.name.text, { kind: 'import', module, name: '*' });
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) bindings.set(c.namedBindings.name.text, { kind: 'import', module, name: '*' });
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
        for (const el of c.namedBindings.elements) bindings.set(el.name.text, { kind: 'import', module, name: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      bindings.set(node.name.text, { kind: 'import', module: node.moduleReference.expression.text, name: '*' });
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = unwrap(node.initializer);
      const required =
        ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])
          ? init.arguments[0].text
          : null;
      if (ts.isIdentifier(node.name)) {
        if (required !== null) bindings.set(node.name.text, { kind: 'import', module: required, name: '*' });
        else consts.set(node.name.text, node.initializer);
      } else if (ts.isObjectBindingPattern(node.name)) {
        for (const el of node.name.elements) {
          const key = el.propertyName ?? el.name;
          if (!ts.isIdentifier(el.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) continue;
          if (required !== null) bindings.set(el.name.text, { kind: 'import', module: required, name: key.text });
          else if (isProcessEnv(init)) consts.set(el.name.text, ts.factory.createPropertyAccessExpression(init, key.text));
        }
      }
    } else if (ts.isPropertyDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
      fields.set(node.name.text, node.initializer);
    } else if (ts.isPropertyDeclaration(node) && node.type && ts.isIdentifier(node.name)) {
      typedFields.set(node.name.text, node.type);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      fields.set(node.left.name.text, node.right);
    }
    if (ts.isFunctionDeclaration(node) && node.name) callables.set(node.name.text, node);
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(unwrap(node.initializer)) || ts.isFunctionExpression(unwrap(node.initializer)))) {
      callables.set(node.name.text, unwrap(node.initializer) as ts.ArrowFunction);
    } else if (ts.isClassDeclaration(node) && node.name) {
      const ctor = node.members.find(ts.isConstructorDeclaration);
      if (ctor) callables.set(node.name.text, ctor);
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && node.arguments?.length) callSites.push(node);
    ts.forEachChild(node, collect);
  };
  const typedFields = new Map<string, ts.TypeNode>();
  collect(source);

  /** The import an expression names: `X` or `AWS.S3` / `AWS.DynamoDB.DocumentClient`. */
  const importOf = (expr: ts.Expression): { module: string; path: string[] } | null => {
    const path: string[] = [];
    let e = unwrap(expr);
    while (ts.isPropertyAccessExpression(e)) {
      path.unshift(e.name.text);
      e = unwrap(e.expression);
    }
    if (!ts.isIdentifier(e)) return null;
    const b = bindings.get(e.text);
    if (!b || b.kind !== 'import') return null;
    return { module: b.module, path: b.name === '*' ? path : [b.name, ...path] };
  };

  /** The client a `new` expression (or `DynamoDBDocument.from(...)`) creates. */
  const clientOf = (expr: ts.Expression): Binding | null => {
    const e = unwrap(expr);
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'from') {
      const imp = importOf(e.expression.expression);
      if (imp && imp.module === '@aws-sdk/lib-dynamodb' && imp.path.join('.') === 'DynamoDBDocument') return { kind: 'client', service: 'dynamodb', document: true };
    }
    if (!ts.isNewExpression(e)) return null;
    const imp = importOf(e.expression);
    return imp ? clientOfImport(imp, e.expression.getText(source).split('.').pop() as string) : null;
  };

  /** The client an instance of the imported class `imp` is (`local` is the name written, for `aws-sdk/clients/s3`'s default export). */
  const clientOfImport = (imp: { module: string; path: string[] }, local: string): Binding | null => {
    if (imp.module === '@aws-sdk/lib-dynamodb' && imp.path.join('.') === 'DynamoDBDocument') return { kind: 'client', service: 'dynamodb', document: true };
    if (imp.module === 'aws-sdk' || imp.module.startsWith('aws-sdk/')) {
      // `aws-sdk/clients/s3` exports the class itself.
      const cls = imp.module.startsWith('aws-sdk/clients/') && imp.path.length === 0 ? null : imp.path[0];
      const name = cls ?? local;
      const path = cls ? imp.path : [name, ...imp.path];
      if (path.length === 2 && path[0] === 'DynamoDB' && path[1] === 'DocumentClient') return { kind: 'client', service: 'dynamodb', document: true };
      if (path.length !== 1 || !/^[A-Z]/.test(path[0]!)) return null;
      return { kind: 'client', service: V2_PREFIX[path[0]!] ?? path[0]!.toLowerCase(), document: false };
    }
    const prefix = v3Prefix(imp.module);
    // Aggregated v3 clients (`new S3({})`) have operation methods; `S3Client` only has `send`.
    if (prefix && imp.path.length === 1 && !/(Client|Command)$/.test(imp.path[0]!) && imp.module.startsWith('@aws-sdk/client-')) return { kind: 'client', service: prefix, document: false };
    return null;
  };

  for (const [name, init] of consts) {
    const c = clientOf(init);
    if (c) bindings.set(name, c);
  }
  /** The client a type annotation names: `S3` (v3 aggregated), `AWS.S3`, `DynamoDB.DocumentClient`, `DynamoDBDocument`. */
  const clientOfType = (type: ts.TypeNode | undefined): Binding | null => {
    if (!type || !ts.isTypeReferenceNode(type)) return null;
    const path: string[] = [];
    let n: ts.EntityName = type.typeName;
    while (ts.isQualifiedName(n)) {
      path.unshift(n.right.text);
      n = n.left;
    }
    const b = bindings.get(n.text);
    if (!b || b.kind !== 'import') return null;
    return clientOfImport({ module: b.module, path: b.name === '*' ? path : [b.name, ...path] }, path[path.length - 1] ?? n.text);
  };
  for (const fn of [...callables.values(), ...collectSignatures(source)]) {
    for (const p of fn.parameters) {
      const c = clientOfType(p.type);
      if (c) paramClients.set(p, c);
    }
  }
  // Clients passed to same-file functions and constructors: a parameter holds the client when
  // every call passes the same kind (twice, so a client handed on through two calls is followed).
  for (let round = 0; round < 2; round++) {
    const passed = new Map<ts.ParameterDeclaration, Array<Binding | null>>();
    for (const call of callSites) {
      const target = callables.get((call.expression as ts.Identifier).text);
      if (!target || ts.isNewExpression(call) !== ts.isConstructorDeclaration(target)) continue;
      call.arguments!.forEach((arg, i) => {
        const param = target.parameters[i];
        if (!param || !ts.isIdentifier(param.name) || param.type) return;
        passed.set(param, [...(passed.get(param) ?? []), receiverClient(arg)]);
      });
    }
    for (const [param, list] of passed) {
      const first = list[0];
      if (!list.some((c) => c !== null)) continue;
      const same = first && list.every((c) => c && c.kind === 'client' && first.kind === 'client' && c.service === first.service && c.document === first.document);
      paramClients.set(param, same ? first : 'conflict');
    }
  }
  // Constructor parameter properties (`constructor(private s3: S3)`) and typed fields are fields too.
  for (const fn of callables.values()) {
    if (!ts.isConstructorDeclaration(fn)) continue;
    for (const p of fn.parameters) {
      const c = paramClients.get(p);
      if (c && c !== 'conflict' && ts.isIdentifier(p.name) && ts.getModifiers(p)?.length) clientFields.set(p.name.text, c);
    }
  }
  for (const [name, type] of typedFields) {
    const c = clientOfType(type);
    if (c) clientFields.set(name, c);
  }
  for (const [name, init] of fields) {
    const c = clientOf(init) ?? (ts.isIdentifier(unwrap(init)) ? parameterClient(unwrap(init) as ts.Identifier) : null);
    if (c) clientFields.set(name, c);
  }

  /** Resolves a value expression to a literal or an environment variable. */
  const resolve = (expr: ts.Expression | undefined, depth = 0): ArgValue => {
    if (!expr || depth > 6) return { kind: 'unknown' };
    const e = unwrap(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { kind: 'literal', value: e.text };
    if (ts.isPropertyAccessExpression(e) && isProcessEnv(e.expression)) return { kind: 'env', name: e.name.text };
    if (ts.isElementAccessExpression(e) && isProcessEnv(e.expression) && ts.isStringLiteralLike(e.argumentExpression)) return { kind: 'env', name: e.argumentExpression.text };
    if (ts.isIdentifier(e) && consts.has(e.text)) return resolve(consts.get(e.text), depth + 1);
    if (ts.isPropertyAccessExpression(e)) {
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return resolve(fields.get(e.name.text), depth + 1);
      const obj = objectOf(e.expression, depth + 1);
      if (obj) return resolve(propertyValue(obj, e.name.text), depth + 1);
    }
    return { kind: 'unknown' };
  };

  const objectOf = (expr: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | null => {
    if (!expr || depth > 6) return null;
    const e = unwrap(expr);
    if (ts.isObjectLiteralExpression(e)) return e;
    if (ts.isIdentifier(e) && consts.has(e.text)) return objectOf(consts.get(e.text), depth + 1);
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return objectOf(fields.get(e.name.text), depth + 1);
    return null;
  };

  const propertyValue = (obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined => {
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
    }
    return undefined;
  };

  const inputOf = (expr: ts.Expression | undefined): Record<string, ArgValue> => {
    const obj = objectOf(expr);
    const out: Record<string, ArgValue> = {};
    if (!obj) return out;
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out[p.name.text] = resolve(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) out[p.name.text] = resolve(p.name);
      else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) out[p.name.text] = { kind: 'unknown' };
    }
    // Nested inputs the permissions depend on: `params` of lib-storage, `RequestItems` keys.
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'RequestItems') {
        const items = objectOf(p.initializer);
        if (items) {
          const tables = items.properties.map((q) => (q.name && (ts.isIdentifier(q.name) || ts.isStringLiteral(q.name)) ? { kind: 'literal' as const, value: q.name.text } : q.name && ts.isComputedPropertyName(q.name) ? resolve(q.name.expression) : { kind: 'unknown' as const }));
          tables.forEach((t, i) => (out[`RequestItems.${i}`] = t));
        }
      }
    }
    return out;
  };

  const calls: SdkCall[] = [];
  const unresolved: UnresolvedCall[] = [];
  const at = (node: ts.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: line + 1, column: character + 1 };
  };
  function receiverClient(expr: ts.Expression): Binding | null {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const param = enclosingParameter(e);
      if (param) {
        const c = paramClients.get(param);
        return c && c !== 'conflict' ? c : null;
      }
      const b = bindings.get(e.text);
      if (b && b.kind === 'import' && b.name !== '*' && b.module.startsWith('.')) {
        const shared = lookup(b.module, b.name);
        return shared ? { kind: 'client', ...shared } : null;
      }
      return b && b.kind === 'client' ? b : null;
    }
    if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) return clientFields.get(e.name.text) ?? null;
    return clientOf(e);
  }

  function parameterClient(id: ts.Identifier): Binding | null {
    const param = enclosingParameter(id);
    const c = param && paramClients.get(param);
    return c && c !== 'conflict' ? c : null;
  }

  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const imp = importOf(node.expression);
      if (imp && imp.path.length === 1) {
        const prefix = v3Prefix(imp.module);
        const name = imp.path[0]!;
        if (prefix && name.endsWith('Command') && name !== 'Command') {
          let operation = name.slice(0, -'Command'.length);
          if (imp.module === '@aws-sdk/lib-dynamodb') operation = DOCUMENT_OPERATIONS[operation] ?? operation;
          calls.push({ service: prefix, operation, input: inputOf(node.arguments?.[0]), ...at(node), text: `new ${name}(...)` });
        } else if (imp.module === '@aws-sdk/lib-storage' && name === 'Upload') {
          const params = node.arguments?.[0] ? objectOf(node.arguments[0]) : null;
          calls.push({ service: 's3', operation: 'Upload', input: inputOf(params ? propertyValue(params, 'params') : undefined), ...at(node), text: 'new Upload(...)' });
        }
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // `paginateX(...)`, or `s3.paginateX(...)` on a namespace import.
      const imp = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && /^paginate[A-Z]/.test(callee.name.text)) ? importOf(callee) : null;
      if (imp && imp.path.length === 1 && /^paginate[A-Z]/.test(imp.path[0]!)) {
        const prefix = v3Prefix(imp.module);
        if (prefix) {
          let operation = imp.path[0]!.slice('paginate'.length);
          if (imp.module === '@aws-sdk/lib-dynamodb') operation = DOCUMENT_OPERATIONS[operation] ?? operation;
          calls.push({ service: prefix, operation, input: inputOf(node.arguments[1]), ...at(node), text: `${imp.path[0]}(...)` });
        }
      } else if (ts.isPropertyAccessExpression(callee)) {
        const client = receiverClient(callee.expression);
        const method = callee.name.text;
        const target = unwrap(callee.expression);
        const param = !client && ts.isIdentifier(target) ? enclosingParameter(target) : null;
        if (param && paramClients.get(param) === 'conflict' && !NOT_OPERATIONS.has(method)) {
          const name = (target as ts.Identifier).text;
          unresolved.push({ ...at(node), text: `${name}.${method}(...)`, reason: `${name} is passed different AWS clients (or other values) where it is called` });
        }
        if (client && client.kind === 'client' && !NOT_OPERATIONS.has(method)) {
          const receiver = callee.expression.getText(source).replace(/\s+/g, ' ');
          const short = receiver.length > 30 ? `${receiver.slice(0, 27)}...` : receiver;
          if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
            const op = node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]) ? pascal(node.arguments[0].text) : null;
            if (op) calls.push({ service: client.service, operation: op, input: inputOf(node.arguments[1]), ...at(node), text: `${short}.${method}(...)` });
          } else {
            const operation = client.document ? (DOCUMENT_OPERATIONS[pascal(method)] ?? pascal(method)) : pascal(method);
            calls.push({ service: client.service, operation, input: inputOf(node.arguments[0]), ...at(node), text: `${short}.${method}(...)` });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const clients: Record<string, SharedClient> = {};
  for (const [name, b] of bindings) if (b.kind === 'client' && consts.has(name)) clients[name] = { service: b.service, document: b.document };
  return { calls, clients, unresolved };
}
