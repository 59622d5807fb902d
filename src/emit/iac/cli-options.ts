/**
 * The `migrate` command-line options of the IaC stage (`--iac`, `--api`, `--runtime`), for
 * src/cli/migrate.ts to add with `withIacOptions(y)` and read with `iacOptionsFrom(argv)`.
 */
import type { Argv } from 'yargs';
import { checkRuntime, DEFAULT_RUNTIME, type ApiKind, type IacFormat, type IamScope } from './iac-options';

export interface IacArgs {
  iac?: IacFormat;
  api: ApiKind;
  runtime: string;
  architecture?: 'x86_64' | 'arm64';
  iam?: IamScope;
}

const GROUP = 'Infrastructure as code:';

/** `--api`, shared by `migrate`, `serve` and `verify`. */
export function withApiOption<T>(y: Argv<T>, group?: string): Argv<T & { api: ApiKind }> {
  return y.option('api', {
    choices: ['http', 'rest'] as const,
    default: 'http' as ApiKind,
    requiresArg: true,
    group,
    describe: 'API Gateway flavour: http = HTTP API (payload 2.0), rest = REST API (payload 1.0)',
  }) as unknown as Argv<T & { api: ApiKind }>;
}

export function withIacOptions<T>(y: Argv<T>): Argv<T & IacArgs> {
  return withApiOption(
    y.option('iac', {
      choices: ['serverless', 'sam', 'cdk', 'none'] as const,
      requiresArg: true,
      group: GROUP,
      defaultDescription: 'sam when only a template.yaml/template.yml exists, cdk when only a cdk.json exists, else serverless',
      describe: 'Write serverless.yml, a SAM template.yaml, an AWS CDK app (cdk/), or no IaC; existing files are edited in place',
    }),
    GROUP,
  )
    .option('runtime', {
      type: 'string',
      default: DEFAULT_RUNTIME,
      requiresArg: true,
      group: GROUP,
      describe: 'Lambda runtime of the functions (deprecated runtimes are warned about, blocked ones refused)',
    })
    .option('architecture', {
      choices: ['x86_64', 'arm64'] as const,
      requiresArg: true,
      group: GROUP,
      defaultDescription: 'deploy.architecture in lambdashift.config, else x86_64',
      describe: 'Instruction set of the functions',
    })
    .option('iam', {
      choices: ['function', 'stack'] as const,
      requiresArg: true,
      group: GROUP,
      defaultDescription: 'function',
      describe: 'Inferred IAM statements: one role per function (least privilege), or one role for the whole stack',
    })
    .check((argv) => {
      const { error } = checkRuntime(String(argv.runtime));
      if (error) throw new Error(error);
      return true;
    }) as unknown as Argv<T & IacArgs>;
}

/** The `migrate()` options from parsed arguments. */
export function iacOptionsFrom(argv: Partial<IacArgs>): { iac?: IacFormat; api?: ApiKind; runtime?: string; architecture?: 'x86_64' | 'arm64'; iam?: IamScope } {
  const out: { iac?: IacFormat; api?: ApiKind; runtime?: string; architecture?: 'x86_64' | 'arm64'; iam?: IamScope } = { iac: argv.iac, api: argv.api, runtime: argv.runtime };
  if (argv.architecture) out.architecture = argv.architecture;
  if (argv.iam) out.iam = argv.iam;
  return out;
}
