// What a piece of feedback does, as SES does it: the account suppression list (per its
// SuppressedReasons), the VDM counts, and an event on the SQS queue of the message's
// `sender` tag (SNS → SQS with raw message delivery, filtered on that tag).
import type { Emulator } from '../context';
import { suppress } from '../ses/suppression';
import { isSimulatorAddress } from '../ses/simulator';
import { countMetric } from '../ses/metrics';
import { vdmCountedRecipients } from '../ses/vdm-eligibility';
import { eventRecord, type Feedback } from './event-record';
import type { PublishedType } from './event-types';

export interface Published {
  event: Record<string, unknown>;
  /** Names of the queues the event was put on. */
  queues: string[];
}

function applySuppression(emulator: Emulator, feedback: Feedback, event: Record<string, unknown>): void {
  const reasons = emulator.state.account.SuppressionAttributes.SuppressedReasons;
  const feedbackId = ((event.bounce ?? event.complaint) as { feedbackId?: string } | undefined)?.feedbackId;
  const cause = { messageId: feedback.message?.messageId, feedbackId };
  // The mailbox simulator's addresses are never put on the list (SES Developer Guide,
  // "Using the mailbox simulator"): a second test run meets the same answers as the first.
  const listed = feedback.recipients.filter((r) => !isSimulatorAddress(r));
  // A bounce *because* the address is suppressed changes nothing on the list.
  const permanent =
    feedback.type === 'Bounce' &&
    (feedback.bounceType ?? 'Permanent') === 'Permanent' &&
    feedback.bounceSubType !== 'OnAccountSuppressionList';
  if (permanent && reasons.includes('BOUNCE')) for (const r of listed) suppress(emulator.state, r, 'BOUNCE', feedback.atMs, cause);
  if (feedback.type === 'Complaint' && reasons.includes('COMPLAINT'))
    for (const r of listed) suppress(emulator.state, r, 'COMPLAINT', feedback.atMs, cause);
}

function applyMetrics(emulator: Emulator, feedback: Feedback): void {
  const metric =
    feedback.type === 'Send'
      ? 'SEND'
      : feedback.type === 'Delivery'
        ? 'DELIVERY'
        : feedback.type === 'Complaint'
          ? 'COMPLAINT'
          : feedback.type === 'Bounce' && (feedback.bounceType ?? 'Permanent') === 'Permanent'
            ? 'PERMANENT_BOUNCE'
            : feedback.type === 'Bounce' && feedback.bounceType === 'Transient'
              ? 'TRANSIENT_BOUNCE'
              : undefined;
  if (!metric) return;
  const counted = vdmCountedRecipients(feedback, metric);
  if (counted.length === 0) return;
  const dims = { identity: feedback.message?.identity, configurationSet: feedback.message?.configurationSet };
  countMetric(emulator.state, metric, feedback.atMs, dims, counted.length);
}

export function queuesFor(emulator: Emulator, feedback: Pick<Feedback, 'message' | 'sender'> & { type: PublishedType }) {
  const { message } = feedback;
  if (message) {
    // Only a configuration set publishes events, only the types its event destination
    // matches; without a sender tag no filter matches.
    if (!message.configurationSet || !message.tags.sender) return [];
    if (!emulator.state.eventDestinations.get(message.configurationSet)?.has(feedback.type)) return [];
    return [emulator.queues.ensureForSender(message.tags.sender)];
  }
  if (feedback.sender) return [emulator.queues.ensureForSender(feedback.sender)];
  return emulator.queues.list();
}

export function publishFeedback(emulator: Emulator, feedback: Feedback): Published {
  const event = eventRecord(feedback, emulator.region);
  applySuppression(emulator, feedback, event);
  applyMetrics(emulator, feedback);
  const body = JSON.stringify(event);
  const queues = queuesFor(emulator, feedback);
  for (const queue of queues) emulator.queues.enqueue(queue, body);
  return { event, queues: queues.map((queue) => queue.name) };
}
