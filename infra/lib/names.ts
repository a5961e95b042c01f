// Names the extension and the stack must agree on.

/**
 * The feedback queue of a sender tag, as the extension asks for it (GetQueueUrl; see
 * lib/feedback/queue.ts): `rampart-events-` and the tag lower-cased with every character
 * SQS refuses turned into `-`, at most 80 characters.
 */
export function feedbackQueueName(senderTag: string): string {
  return ('rampart-events-' + senderTag.trim().toLowerCase().replace(/[^a-z0-9_-]/g, '-')).slice(0, 80);
}

/** SES's tag that routes a message's events to its SDR's queue (EmailTags on SendEmail). */
export const SENDER_TAG = 'sender';
