import yargs from 'yargs';
import { iacOptionsFrom, withIacOptions } from '../../src/emit/iac/cli-options';

const parse = (argv: string[]) =>
  withIacOptions(yargs().strict().exitProcess(false).fail((msg, err) => { throw err ?? new Error(msg); })).parseSync(argv);

describe('migrate IaC options', () => {
  it('defaults to HTTP API and nodejs24.x, leaving --iac to detection', () => {
    expect(iacOptionsFrom(parse([]))).toEqual({ iac: undefined, api: 'http', runtime: 'nodejs24.x' });
  });

  it('takes --iac, --api and --runtime', () => {
    expect(iacOptionsFrom(parse(['--iac', 'sam', '--api', 'rest', '--runtime', 'nodejs22.x']))).toEqual({ iac: 'sam', api: 'rest', runtime: 'nodejs22.x' });
    expect(iacOptionsFrom(parse(['--iac', 'cdk']))).toEqual({ iac: 'cdk', api: 'http', runtime: 'nodejs24.x' });
  });

  it('rejects unknown values', () => {
    expect(() => parse(['--iac', 'pulumi'])).toThrow(/Invalid values/);
    expect(() => parse(['--api', 'grpc'])).toThrow(/Invalid values/);
    expect(() => parse(['--runtime', 'python3.12'])).toThrow(/--runtime must be a Lambda Node.js runtime/);
  });
});
