import { SQSClient } from '@aws-sdk/client-sqs';
import type { Settings } from '@/lib/store/settings';
import { awsClients } from '@/lib/aws/client';
import { awsTargetKey } from '@/lib/aws/credentials';
import { senderTagOf } from '@/lib/core/sender-tag';

// This SDR's feedback queue: the configuration set publishes SES events to SNS, and an
// SNS subscription filtered on the message's `sender` tag fans them out to one SQS queue
// per SDR, named after the tag. The client shares the SES clients' Cognito credentials
// and endpoint override (lib/aws/client.ts), so one identity pool covers both.

const QUEUE_PREFIX = 'rampart-events-';
/** SQS's longest queue name. */
const QUEUE_NAME_MAX = 80;
/** A longer tag keeps this much of itself, then `-` and a hash of the whole. */
const KEPT_OF_LONG_TAG = 40;
const HASH_HEX = 24;

/**
 * The queue name the team lead creates for a sender tag (lib/core/sender-tag.ts; its
 * characters are all allowed in a queue name): the prefix and the tag when that fits
 * SQS's 80 characters, else the prefix, the tag's first 40 characters, `-` and the first
 * 24 hex digits of the tag's SHA-256, so two long tags that start alike stay apart.
 * `sdr_40outbound_2eexample_2ecom` → `rampart-events-sdr_40outbound_2eexample_2ecom`.
 */
export async function feedbackQueueName(senderTag: string): Promise<string> {
  if (QUEUE_PREFIX.length + senderTag.length <= QUEUE_NAME_MAX) return QUEUE_PREFIX + senderTag;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(senderTag)));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${QUEUE_PREFIX}${senderTag.slice(0, KEPT_OF_LONG_TAG)}-${hex.slice(0, HASH_HEX)}`;
}

export interface FeedbackQueue {
  sqs: SQSClient;
  queueName: string;
  /** Names the endpoint and region: a cached QueueUrl from another one is not reused. */
  targetKey: string;
}

let current: { key: string; sqs: SQSClient } | undefined;

/** The SQS client for these settings, reused while region, pool and endpoint stay the same. */
export async function feedbackQueue(settings: Settings): Promise<FeedbackQueue> {
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
  return { sqs: current.sqs, queueName: await feedbackQueueName(senderTagOf(settings)), targetKey: key };
}
