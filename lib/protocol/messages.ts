import * as z from 'zod/mini';
import { draftSchema } from '@/lib/core/draft';
import { userErrorSchema, type UserError } from '@/lib/core/errors';
import type { AccountView } from '@/lib/core/account';
import { findingSchema, verdictSchema } from '@/lib/core/finding';
import type {
  ExportReply,
  ImportReply,
  PollFeedbackReply,
  StopReplyReply,
  SuppressReply,
  UndoSuppressReply,
} from '@/lib/suppression/messages';
import type { CapTodayView, DashboardView } from '@/lib/dashboard/view';
import type { RampPlanView, ResumeRampReply, SaveRampPlanReply } from '@/lib/account/plan-view';

// The typed protocol between the content script, popup, options and the background.
// Declared once: each message has a name, a zod schema of its request and the type of
// its reply. Both ends import this file; the background validates every request on
// arrival (lib/protocol/router.ts). zod/mini keeps the content script small.
//
// Hand-written rather than a messaging library: the wrapper is a few lines, and we need
// validation and a sender check on every message anyway.

import { outcomeSchema, sendResultSchema, type OutboxRowView, type SendResult } from '@/lib/send/result';
import type { SignInStatus } from '@/lib/aws/sign-in/status';
import type { SyncReply } from '@/lib/account/sync';
import type { DrillView } from '@/lib/feedback/drill';
import { changeNoteSchema, type ChangeNoteReply } from '@/lib/account/change-notes';

export { userErrorSchema, outcomeSchema, sendResultSchema };
export type { UserError, AccountView, OutboxRowView, SendResult, SignInStatus, SyncReply, DrillView };
export type { Outcome } from '@/lib/send/result';

export const requests = {
  /** Pre-send check of a draft: the verdict, recipients' statuses and today's cap. */
  check: z.object({ draft: draftSchema }),
  /** Send a draft through SES (the background re-checks; the compose verdict is advisory). */
  send: z.object({
    draft: draftSchema,
    /** The user confirmed the `warn` findings of this draft. */
    confirmed: z.boolean(),
    /**
     * Chosen by the compose UI once per click, so a resent message is the same send. It
     * becomes the outbox id and travels as a message tag: letters, digits, `_` and `-` only.
     */
    requestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'a request id holds 1 to 128 letters, digits, _ or -')),
  }),
  /** The outbox rows for one compose window (or all), newest first. */
  /** Newest first; `limit` rows at most (50 unless asked for fewer). */
  outbox: z.object({ composeId: z.optional(z.string()), limit: z.optional(z.int().check(z.minimum(1), z.maximum(50))) }),
  /** Sync the account picture from SES now. */
  sync: z.object({}),
  /** Account snapshot straight from SES (GetAccount): used by the smoke test. */
  getAccount: z.object({}),
  /** Today's cap and the ramp's headline: what the popup paints first. */
  capToday: z.object({}),
  /** Everything the popup shows. */
  dashboard: z.object({}),
  /** The stored ramp plan, and whether SES's quota fits it. */
  rampPlan: z.object({}),
  /** The lead saves a ramp plan (validated in the background against lib/ramp/plan.ts). */
  saveRampPlan: z.object({
    plan: z.unknown(),
    by: z.string(),
    cutPercent: z.optional(z.number()),
    monitoringOwner: z.optional(z.string()),
  }),
  /** The lead lifts a pause, a hold or a freeze by hand (logged). */
  resumeRamp: z.object({ what: z.enum(['pause', 'hold', 'freeze']), by: z.string() }),
  /** Suppress an address by hand (or for a STOP reply), for the whole team. */
  suppress: z.object({
    email: z.string(),
    reason: z.enum(['MANUAL', 'UNSUBSCRIBE']),
    cause: z.optional(z.enum(['manual', 'stop-reply'])),
  }),
  /**
   * Undo a suppression Rampart decided: locally, in SES's list and in the contact list.
   * `cause: 'stop-reply'` undoes only a STOP reply's suppression (the thread's banner).
   */
  undoSuppress: z.object({ email: z.string(), cause: z.optional(z.enum(['stop-reply'])) }),
  /** A prospect's reply in an open thread asks to stop: offer suppression, or apply it. */
  stopReply: z.object({ email: z.string(), phrase: z.string() }),
  /** Import suppressions from CSV (address, reason, date): good rows kept, bad ones listed. */
  importSuppressions: z.object({ csv: z.string() }),
  /** The suppression cache as CSV (address, reason, date). */
  exportSuppressions: z.object({}),
  /** Poll the feedback queue now (bounces, complaints, deliveries). */
  pollFeedback: z.object({}),
  /** Sign in through the user pool's hosted UI (PKCE); `interactive: false` never opens a window. */
  signIn: z.object({ provider: z.optional(z.enum(['Google'])), interactive: z.optional(z.boolean()) }),
  /** Forget the signed-in user's tokens and credentials. */
  signOut: z.object({}),
  /** Who is signed in, if anyone. */
  signInStatus: z.object({}),
  /** The language chosen in options, for Gmail's compose windows (which cannot read storage). */
  composeLanguage: z.object({}),
  /** Start a fire drill: messages to SES's mailbox simulator, then each event watched back. */
  startDrill: z.object({}),
  /** The last fire drill's steps. */
  drillStatus: z.object({}),
  /** The lead's own line in the change log (a list source, a subject set, a new domain). */
  addChangeNote: changeNoteSchema,
} as const;

export type MessageName = keyof typeof requests;
export type Request<N extends MessageName> = z.infer<(typeof requests)[N]>;

export interface Replies {
  check: z.infer<typeof verdictSchema>;
  send: SendResult;
  outbox: OutboxRowView[];
  sync: SyncReply;
  getAccount: AccountView;
  capToday: CapTodayView;
  dashboard: DashboardView;
  rampPlan: RampPlanView;
  saveRampPlan: SaveRampPlanReply;
  resumeRamp: ResumeRampReply;
  suppress: SuppressReply;
  undoSuppress: UndoSuppressReply;
  stopReply: StopReplyReply;
  importSuppressions: ImportReply;
  exportSuppressions: ExportReply;
  pollFeedback: PollFeedbackReply;
  signIn: SignInStatus;
  signOut: SignInStatus;
  signInStatus: SignInStatus;
  composeLanguage: { choice: string };
  startDrill: DrillView;
  drillStatus: DrillView | null;
  addChangeNote: ChangeNoteReply;
}

/** What travels: `{ type, payload }`; the reply is `{ ok: true, value } | { ok: false, error }`. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: Request<N>;
}
export type Reply<N extends MessageName> = { ok: true; value: Replies[N] } | { ok: false; error: UserError };
