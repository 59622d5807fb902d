import AWS from 'aws-sdk';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

// The archive job predates the v3 migration and still uses SDK v2 for S3 and sessions.
const s3 = new AWS.S3();
const sessions = new AWS.DynamoDB.DocumentClient();
const dynamo = new DynamoDBClient({});

export async function archiveOrders(): Promise<number> {
  const page = await dynamo.send(new ScanCommand({ TableName: process.env.ORDERS_TABLE }));
  await s3.putObject({ Bucket: 'bookshop-archive', Key: `orders/${Date.now()}.json`, Body: JSON.stringify(page.Items ?? []) }).promise();
  return page.Count ?? 0;
}

export async function expireSessions(): Promise<void> {
  await sessions.delete({ TableName: 'bookshop-sessions', Key: { id: 'expired' } }).promise();
}
