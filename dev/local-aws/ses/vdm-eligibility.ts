// Which feedback Virtual Deliverability Manager counts. SES API v2 reference,
// BatchGetMetricDataQuery, Metric: SEND "excludes emails sent to the mailbox simulator and
// emails addressed to more than one recipient"; DELIVERY "excludes deliveries to the
// mailbox simulator and for emails addressed to more than one recipient";
// PERMANENT_BOUNCE and COMPLAINT also exclude "those originating from your account-level
// suppression list"; TRANSIENT_BOUNCE excludes the simulator and multi-recipient emails.
import type { Feedback } from '../feedback/event-record';
import type { SentMessage, VdmMetric } from '../state';
import { parseMailbox } from './address';
import { isSimulatorAddress } from './simulator';

/** How many distinct addresses a message was addressed to (To, Cc and Bcc). */
function addressees(message: SentMessage): number {
  return new Set([...message.to, ...message.cc, ...message.bcc].map((text) => parseMailbox(text)?.address ?? text.toLowerCase())).size;
}

/** The recipients of `feedback` that VDM counts under `metric` (none, for a multi-recipient email). */
export function vdmCountedRecipients(feedback: Feedback, metric: VdmMetric): string[] {
  if (feedback.message && addressees(feedback.message) > 1) return [];
  if ((metric === 'PERMANENT_BOUNCE' || metric === 'COMPLAINT') && feedback.bounceSubType === 'OnAccountSuppressionList') return [];
  return feedback.recipients.filter((address) => !isSimulatorAddress(address));
}
