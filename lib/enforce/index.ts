import type { OutboxRow } from '../db';
import type { Draft } from '../draft';
import type { Verdict } from '../guardrails/finding';
import { verdict } from '../guardrails/verdict';
import { sendingFrom } from '../guardrails/context';
import { ledgerRecipients } from '../ledger';
import type { UserError } from '../messages';
import type { Settings } from '../settings';
import { gatherGuardrailContext } from './context';
import { reservationLimits } from './limits';
import { createPacer } from './pacing';
import { pinIdentity } from './pinned-identity';
import { reserve } from './reservations';

// The background's enforcement, in the shape the outbox asks for (lib/outbox.ts
// `OutboxDeps`): the verdict at send time, the cap reservation just before SES, and the
// pace under MaxSendRate. The compose check asks for the same verdict.

/** SES's sandbox rate until the first snapshot says otherwise: the safe guess. */
const RATE_BEFORE_SNAPSHOT = 1;
let maxSendRate = RATE_BEFORE_SNAPSHOT;
const pacer = createPacer(() => maxSendRate);

/** The verdict on a draft, as the compose panel shows it and the send re-checks it. */
export async function checkDraft(draft: Draft, now: Date, settings?: Settings): Promise<Verdict> {
  const { context, account } = await gatherGuardrailContext(draft, now, settings ? { settings } : {});
  if (account) maxSendRate = account.maxSendRate;
  return verdict(context);
}

/**
 * Reserve the draft's recipients on today's cap, counted with everything in flight; on
 * success the From is pinned (the first send pins it; a confirmed change moves it, logged).
 */
export async function reserveSend(row: OutboxRow, now: Date, settings?: Settings): Promise<UserError | null> {
  const gathered = await gatherGuardrailContext(row.draft, now, settings ? { settings } : {});
  if (gathered.account) maxSendRate = gathered.account.maxSendRate;
  const recipients = ledgerRecipients(row.draft).length;
  const result = await reserve(row.id, recipients, gathered.capDay, reservationLimits(gathered), { now });
  if (!result.granted) return result.error;
  await pinIdentity(sendingFrom(gathered.context), now);
  return null;
}

/** Wait until `recipients` fit under SES's MaxSendRate (the last snapshot's). */
export function paceSend(recipients: number): Promise<void> {
  return pacer.pace(recipients);
}
