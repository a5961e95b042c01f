import type { Address, Draft } from '@/lib/core/draft';
import { emailKey } from '@/lib/core/email';
import type { SuppressionRow } from '@/lib/store/db';
import type { AccountSnapshot, FromIdentityStatus, PinnedIdentity } from '@/lib/core/account';
import type { Runway } from '@/lib/ramp/runway';

export type { AccountSnapshot, FromIdentityStatus, PinnedIdentity };

// Everything a guardrail rule may look at, gathered by the background before it asks for
// a verdict. Rules are pure functions of this value: no I/O, no storage, no clock of their
// own. The background reads only what this draft needs (its recipients' suppression rows
// and last sends, by key) so a rule never holds a whole list in memory.

/** The SDR's identity as set up in options, and the domains outbound must not be sent from. */
export interface IdentitySettings {
  fromName: string;
  fromAddress: string;
  /** The company's transactional or corporate domains (e.g. `example.com`): lower-cased or not. */
  avoidFromDomains: readonly string[];
  /** Where replies are asked to go (the Reply-To set in options); unset: the From address. */
  replyTo?: string;
}

export type SuppressionReason = SuppressionRow['reason'];

/** What the recipient check found of one recipient domain (lib/send/domain-check.ts). */
export interface DomainFacts {
  /** Mail servers over DNS: found; none (a certain hard bounce); or not checked (the lookup failed or was slow). */
  mail: 'found' | 'none' | 'unchecked';
  /** Why there is none: no such domain, a null MX, or no MX, A or AAAA record. */
  reason?: 'nxdomain' | 'null-mx' | 'no-mail-server';
  /** On the disposable-address list; null when the list could not be read. */
  disposable: boolean | null;
}

export interface SuppressionEntry {
  reason: SuppressionReason;
  /** ISO time the address was suppressed. */
  since: string;
}

/**
 * Today's cap figures, all counted in recipients as SES counts them (docs/rules.md, "Team cap
 * and my cap"). `mine` and `team` are absent when there is no ramp plan.
 */
export interface CapInputs {
  /** My share of the team cap today and what I sent today (ledger + reservations in flight). */
  mine?: { cap: number; sent: number };
  /** The team's cap today (the plan's step, after any automatic cut). */
  team?: { cap: number };
  /** From `GetAccount`: the rolling 24-hour quota and what counts against it. */
  ses: { max24HourSend: number; sentLast24Hours: number };
  /** Ramp day number (day 1 is the plan's start date). */
  rampDay?: number;
}

/** Numbers the rules compare against; every one configurable. */
export interface GuardrailThresholds {
  /** A second message to the same recipient within this many days is likely a duplicate follow-up. */
  duplicateFollowUpDays: number;
  /** An account snapshot older than this is mentioned (info). */
  accountStaleInfoMinutes: number;
  /** An account snapshot older than this is warned about: quota and status may have moved. */
  accountStaleWarnMinutes: number;
  /** SES refuses a message with more recipients than this (To, Cc and Bcc together). */
  maxRecipientsPerMessage: number;
}

export const defaultThresholds: GuardrailThresholds = {
  // Sequence steps are spaced by several business days; two messages to one person
  // within three days is more often a double click or a second tab than a plan.
  duplicateFollowUpDays: 3,
  // The background re-reads GetAccount every 15 minutes (lib/account/sync.ts): half an hour means a sync failed.
  accountStaleInfoMinutes: 30,
  // A day-old snapshot may miss a pause or a probation from AWS.
  accountStaleWarnMinutes: 24 * 60,
  // SES: "The message may not include more than 50 recipients, across the To:, CC: and BCC: fields."
  maxRecipientsPerMessage: 50,
};

export interface GuardrailContext {
  draft: Draft;
  settings: IdentitySettings;
  thresholds: GuardrailThresholds;
  account: AccountSnapshot | null;
  /** Verified SES identities: addresses and domains (the sandbox allows only these). */
  verifiedIdentities: readonly string[];
  /** Lower-cased recipient address → its suppression, for this draft's recipients only. */
  suppression: ReadonlyMap<string, SuppressionEntry>;
  pinnedIdentity: PinnedIdentity | null;
  fromIdentityStatus: FromIdentityStatus | null;
  /** Lower-cased recipient address → ISO time it was last sent to (ledger), this draft's recipients only. */
  recentSends: ReadonlyMap<string, string>;
  cap: CapInputs | null;
  /** Lower-cased recipient domain → what the recipient check found; absent when it did not run. */
  recipientDomains?: ReadonlyMap<string, DomainFacts>;
  /** How many more hard bounces and complaints today's plan can take (lib/ramp/runway.ts); absent when not read. */
  runway?: Runway | null;
  now: Date;
  /** IANA time zone dates are written in (the plan's; default UTC). */
  timeZone?: string;
}

/**
 * The From this draft goes out with through SES: the identity configured in options. The
 * compose window's own From is the Gmail account's and is not what SES sends (lib/send/outbox.ts).
 */
export function sendingFrom(ctx: Pick<GuardrailContext, 'settings'>): Address {
  return { email: ctx.settings.fromAddress, name: ctx.settings.fromName };
}

/** The draft's recipients (To, Cc, Bcc), each address once, in the order written. */
export function distinctRecipients(draft: Pick<Draft, 'to' | 'cc' | 'bcc'>): Address[] {
  const seen = new Set<string>();
  return [...draft.to, ...draft.cc, ...draft.bcc].filter(({ email }) => {
    const key = emailKey(email);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
