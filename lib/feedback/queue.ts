import { SQSClient } from '@aws-sdk/client-sqs';
import type { Settings } from '../settings';
import { awsClients } from '../ses/client';
import { awsTargetKey } from '../ses/credentials';

// This SDR's feedback queue: the configuration set publishes SES events to SNS, and an
// SNS subscription filtered on the message's `sender` tag fans them out to one SQS queue
// per SDR, named after the tag. The client shares the SES clients' Cognito credentials
// and endpoint override (lib/ses/client.ts), so one identity pool covers both.

const QUEUE_PREFIX = 'rampart-events-';
/** SQS's longest queue name. */
const QUEUE_NAME_MAX = 80;

/**
 * The queue name the team lead creates for a sender tag: the prefix, then the tag
 * lower-cased with every character SQS refuses in a name turned into `-`.
 * `sdr@outbound.example.com` → `rampart-events-sdr-outbound-example-com`.
 */
export function feedbackQueueName(senderTag: string): string {
  return (QUEUE_PREFIX + senderTag.trim().toLowerCase().replace(/[^a-z0-9_-]/g, '-')).slice(0, QUEUE_NAME_MAX);
}

export interface FeedbackQueue {
  sqs: SQSClient;
  queueName: string;
  /** Names the endpoint and region: a cached QueueUrl from another one is not reused. */
  targetKey: string;
}

let current: { key: string; sqs: SQSClient } | undefined;

/** The SQS client for these settings, reused while region, pool and endpoint stay the same. */
export function feedbackQueue(settings: Settings): FeedbackQueue {
  const clients = awsClients(settings);
  const key = awsTargetKey(clients.target);
  if (current?.key !== key) {
    current?.sqs.destroy();
    current = {
      key,
      sqs: new SQSClient({
        region: clients.target.region,
        credentials: clients.credentials,
        ...(clients.target.endpoint ? { endpoint: clients.target.endpoint } : {}),
      }),
    };
  }
  return { sqs: current.sqs, queueName: feedbackQueueName(settings.senderTag || settings.fromAddress), targetKey: key };
}
