import type { FeedbackCount } from '@/lib/store/feedback-days';
import type { FeedbackEvent } from './event';

// What an SES event does to Rampart's figures and list, as rules of its own: applying a
// real event (lib/feedback/apply.ts) and checking a fire drill's (lib/feedback/drill.ts) read
// the same ones, so a drill that passes proves the rules real events meet.

/**
 * Which day count an event adds to, the rates' numerators: a bounce because the address
 * was already on SES's list counts as none (it never left SES).
 */
export function countedAs(event: Pick<FeedbackEvent, 'kind' | 'bounceType' | 'bounceSubType'>): FeedbackCount | undefined {
  switch (event.kind) {
    case 'Delivery':
      return 'deliveries';
    case 'Complaint':
      return 'complaints';
    case 'Bounce':
      if (event.bounceType === 'Permanent') return event.bounceSubType === 'OnAccountSuppressionList' ? undefined : 'permanentBounces';
      return event.bounceType === 'Transient' ? 'transientBounces' : undefined;
    default:
      return undefined;
  }
}

/** Whether an event suppresses its recipients at once, and as what: a hard bounce or a complaint. */
export function suppressesAtOnce(event: Pick<FeedbackEvent, 'kind' | 'bounceType'>): 'BOUNCE' | 'COMPLAINT' | undefined {
  if (event.kind === 'Complaint') return 'COMPLAINT';
  return event.kind === 'Bounce' && event.bounceType === 'Permanent' ? 'BOUNCE' : undefined;
}
