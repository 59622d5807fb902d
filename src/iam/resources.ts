/**
 * The resources an SDK call touches, as ARNs built from the Service Authorization Reference's
 * ARN templates (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) and the call's input.
 * An ARN is a list of parts: text, the stack's partition/region/account, or the value of an
 * environment variable (which the IaC writers turn into `${env:X}` or a SAM parameter).
 */
import type { ArgValue, SdkCall } from './sdk-calls';
import { arnTemplate } from './actions';

export type ArnPart = string | { pseudo: 'Partition' | 'Region' | 'Account' } | { env: string } | { envLastPathSegment: string };
export type Arn = ArnPart[];

/** The whole resource: `*`. */
export const ANY: Arn = ['*'];

/**
 * How each service's input fields fill its ARN templates: per resource type, the input field
 * that names the resource and how to turn its value into the template's placeholder.
 */
interface Placement {
  resourceType: string;
  /** Input fields to read, first found wins (`RequestItems.0` for batch requests). */
  fields: string[];
  /** Placeholder values besides the partition/region/account. */
  fill: (value: Arn, input: Record<string, ArgValue>) => Record<string, Arn> | null;
  /** When the field's value is already a whole ARN. */
  isArn?: boolean;
}

const valueParts = (v: ArgValue | undefined): Arn | null => {
  if (!v || v.kind === 'unknown') return null;
  return v.kind === 'literal' ? [v.value] : [{ env: v.name }];
};

const PLACEMENTS: Record<string, Placement[]> = {
  s3: [
    { resourceType: 'object', fields: ['Bucket'], fill: (b) => ({ BucketName: b, ObjectName: ['*'] }) },
    { resourceType: 'bucket', fields: ['Bucket'], fill: (b) => ({ BucketName: b }) },
  ],
  dynamodb: [
    { resourceType: 'table', fields: ['TableName', 'RequestItems.0', 'RequestItems.1', 'RequestItems.2'], fill: (t) => ({ TableName: t }) },
    {
      resourceType: 'index',
      fields: ['TableName'],
      fill: (t, input) => {
        const index = valueParts(input.IndexName);
        return input.IndexName ? (index ? { TableName: t, IndexName: index } : { TableName: t, IndexName: ['*'] }) : null;
      },
    },
  ],
  sqs: [{ resourceType: 'queue', fields: ['QueueUrl'], fill: (url) => ({ QueueName: queueName(url) }) }],
  sns: [{ resourceType: 'topic', fields: ['TopicArn', 'TargetArn'], fill: () => ({}), isArn: true }],
  // Secret ARNs end in a random six-character suffix after the name.
  secretsmanager: [{ resourceType: 'secret', fields: ['SecretId'], fill: (id) => ({ SecretId: [...id, '-??????'] }) }],
  // Names with a leading slash (the usual hierarchy) fill `parameter/${Name without it}`.
  ssm: [{ resourceType: 'parameter', fields: ['Name', 'Path'], fill: (n, input) => ({ ParameterNameWithoutLeadingSlash: parameterName(n, input.Path !== undefined && input.Name === undefined) }) }],
};

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → `<name>`. */
function queueName(url: Arn): Arn {
  if (url.length === 1 && typeof url[0] === 'string') return [url[0].split('/').pop() ?? '*'];
  if (url.length === 1 && typeof url[0] === 'object' && 'env' in url[0]) return [{ envLastPathSegment: url[0].env }];
  return ['*'];
}

function parameterName(name: Arn, isPath: boolean): Arn {
  const first = name[0];
  const stripped: Arn = typeof first === 'string' ? [first.replace(/^\//, ''), ...name.slice(1)] : name;
  // An environment variable's value keeps its slash: `parameter` + `/app/db`.
  const joined: Arn = typeof first === 'string' ? stripped : name;
  // A path covers itself and everything under it.
  return isPath ? [...joined, '*'] : joined;
}

/** Fills an ARN template's `${Placeholder}`s. */
function fillTemplate(template: string, values: Record<string, Arn>): Arn | null {
  const out: Arn = [];
  let last = 0;
  for (const m of template.matchAll(/\$\{([A-Za-z]+)\}/g)) {
    if (m.index! > last) out.push(template.slice(last, m.index));
    const name = m[1]!;
    if (name === 'Partition' || name === 'Region' || name === 'Account') out.push({ pseudo: name });
    else if (values[name]) out.push(...values[name]!);
    else return null;
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  // An environment value that is a whole path segment sits after a `/` the template has; SSM
  // names from variables keep their own leading slash.
  return mergeText(out.map((p, i) => (typeof p === 'string' && p.endsWith('parameter/') && typeof out[i + 1] === 'object' && 'env' in (out[i + 1] as object) ? p.slice(0, -1) : p)));
}

function mergeText(parts: Arn): Arn {
  const out: Arn = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] = `${out[out.length - 1] as string}${p}`;
    else if (p !== '') out.push(p);
  }
  return out;
}

export interface CallResources {
  /** One list per action, in the order of `resourceTypesPerAction`. */
  arns: Arn[][];
  /** Set when a resource could not be narrowed: the input field that was not a literal or a variable. */
  unresolved?: string;
}

/**
 * The ARNs each action of `call` needs, from the resource types the reference gives it.
 * Unknown values and services without a placement give `*`.
 */
export async function resourcesFor(call: SdkCall, resourceTypesPerAction: string[][]): Promise<CallResources> {
  const placements = PLACEMENTS[call.service];
  let unresolved: string | undefined;
  const arns: Arn[][] = [];
  for (const types of resourceTypesPerAction) {
    if (types.length === 0) {
      arns.push([ANY]); // the action authorizes only `*`
      continue;
    }
    const fitting = (placements ?? []).filter((p) => types.includes(p.resourceType));
    if (fitting.length === 0) {
      unresolved ??= placements ? `no ${types.join('/')} input` : `${call.service} resources`;
      arns.push([ANY]);
      continue;
    }
    const list: Arn[] = [];
    for (const p of fitting) {
      const fields = p.fields.filter((f) => call.input[f] !== undefined);
      if (fields.length === 0) {
        if (p.resourceType === 'index') continue; // only with IndexName
        unresolved ??= p.fields[0]!;
        list.push(ANY);
        continue;
      }
      for (const field of fields) {
        const value = valueParts(call.input[field]);
        if (!value) {
          unresolved ??= field;
          list.push(ANY);
          continue;
        }
        if (p.isArn) {
          list.push(value);
          continue;
        }
        // A literal ARN where a name is expected (SecretId, TableName may be ARNs) is used as is.
        if (typeof value[0] === 'string' && value.length === 1 && value[0].startsWith('arn:')) {
          list.push(p.resourceType === 'secret' && !/-[A-Za-z0-9]{6}$/.test(value[0]) ? [`${value[0]}-??????`] : value);
          continue;
        }
        const values = p.fill(value, call.input);
        if (!values) continue;
        const template = await arnTemplate(call.service, p.resourceType);
        const arn = template && fillTemplate(template, values);
        if (arn) list.push(arn);
        else {
          unresolved ??= field;
          list.push(ANY);
        }
      }
    }
    arns.push(list.length ? list : [ANY]);
  }
  return unresolved === undefined ? { arns } : { arns, unresolved };
}

/** `arn:${AWS::Partition}:s3:::${BUCKET}/*`: an ARN as text for reports. */
export function arnText(arn: Arn): string {
  return arn
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('pseudo' in p) return `\${AWS::${p.pseudo === 'Account' ? 'AccountId' : p.pseudo}}`;
      if ('env' in p) return `\${${p.env}}`;
      return `\${${p.envLastPathSegment}:queue-name}`;
    })
    .join('');
}
