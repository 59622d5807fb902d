import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Order } from './orders.service';

const sqs = new SQSClient({});
const sns = new SNSClient({});

/** Fulfilment works from a queue; other teams subscribe to the topic. */
export async function orderPlaced(order: Order): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.FULFILMENT_QUEUE_URL, MessageBody: JSON.stringify(order) }));
  await sns.send(new PublishCommand({ TopicArn: process.env.ORDER_EVENTS_TOPIC_ARN, Message: JSON.stringify({ type: 'order-placed', id: order.id }) }));
}
