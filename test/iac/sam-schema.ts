/** Validates SAM templates against sam-template.schema.json with ajv (a devDependency). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { requireTool } from '../e2e/tools';

type ValidateFn = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: unknown }> | null };
type AjvClass = new (opts: Record<string, unknown>) => { compile(schema: unknown): ValidateFn };

let validate: ValidateFn | null = null;

/** CloudFormation short-form tags, read as their long form so the schema can check them. */
const CFN_TAGS = ['Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Not', 'Equals', 'Select', 'ImportValue', 'FindInMap'].map((name) => ({
  tag: `!${name}`,
  resolve: (value: unknown) => ({ [name === 'Ref' ? 'Ref' : `Fn::${name}`]: value }),
  collection: undefined,
}));

/** Schema errors of a template text, as `path: message` lines; empty when valid. */
export function samErrors(text: string): string[] {
  if (!validate) {
    const Ajv = (requireTool<{ default: AjvClass }>('ajv').default ?? requireTool<AjvClass>('ajv')) as AjvClass;
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sam-template.schema.json'), 'utf8'));
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  const doc = parse(text, { customTags: CFN_TAGS as never });
  const errors = validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
  // SAM needs a Runtime on each function or in Globals.Function.
  const globalRuntime = doc?.Globals?.Function?.Runtime;
  for (const [id, r] of Object.entries<{ Type?: string; Properties?: { Runtime?: string } }>(doc?.Resources ?? {})) {
    if (r?.Type === 'AWS::Serverless::Function' && !r.Properties?.Runtime && !globalRuntime) errors.push(`/Resources/${id}/Properties: has no Runtime, and Globals.Function has none`);
  }
  return errors;
}
