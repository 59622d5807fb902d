import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

const secrets = new SecretsManagerClient({});
const ssm = new SSMClient({});

export async function paymentsConfigured(): Promise<boolean> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: 'bookshop/stripe-key' }));
  return Boolean(secret.SecretString);
}

export async function featureFlags(): Promise<Record<string, boolean>> {
  const out = await ssm.send(new GetParameterCommand({ Name: '/bookshop/feature-flags', WithDecryption: true }));
  return JSON.parse(out.Parameter?.Value ?? '{}') as Record<string, boolean>;
}
