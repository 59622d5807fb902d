import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

export interface Order {
  id: string;
  customer: string;
  total: number;
}

/** Orders in one DynamoDB table, with a GSI by customer. */
export class OrdersRepository {
  private readonly table = process.env.ORDERS_TABLE ?? 'orders';
  private readonly doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

  async get(id: string): Promise<Order | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { id } }));
    return out.Item as Order | undefined;
  }

  async put(order: Order): Promise<Order> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: order }));
    return order;
  }

  async byCustomer(customer: string): Promise<Order[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byCustomer',
        KeyConditionExpression: 'customer = :c',
        ExpressionAttributeValues: { ':c': customer },
      }),
    );
    return (out.Items ?? []) as Order[];
  }
}

export const orders = new OrdersRepository();
