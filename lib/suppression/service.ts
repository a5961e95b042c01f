import type { Clock } from '@/lib/core/clock';
import { emailKey } from '@/lib/core/email';
import type { RampartDb } from '@/lib/store/db';
import { localDay } from '@/lib/core/calendar';
import { describeError } from '@/lib/aws/errors';
import type { Settings } from '@/lib/store/settings';
import { addressProblem } from '@/lib/core/address';
import { cachedSuppressions } from '@/lib/store/suppression-cache';
import { decideSuppression, undoSuppression } from './decide';
import type {
  ExportReply,
  ImportReply,
  ImportRequest,
  StopReplyReply,
  StopReplyRequest,
  SuppressReply,
  SuppressRequest,
  UndoSuppressReply,
  UndoSuppressRequest,
} from './messages';
import { flushDecisions, type FlushResult, type ShareTarget } from './share';
import { exportSuppressionCsv, importSuppressionCsv } from './transfer';
import { csvTooLarge } from './csv';

// The suppression messages, answered in the background: decide locally, then share with
// SES at once. A share that fails is not an error for the user's action — the address is
// suppressed here already — but it is said ("not yet shared") and retried at the next
// feedback poll.

export interface SuppressContext {
  settings: Settings;
  share: ShareTarget;
  now: Clock;
  database: RampartDb;
  /** The zone the ledger counts days in (the ramp plan's): an unsubscribe counts on its day there. */
  timeZone: (now: Date) => Promise<string>;
}

async function share(context: SuppressContext): Promise<{ shared: boolean; error?: { code: string; message: string } }> {
  let result: FlushResult;
  try {
    result = await flushDecisions(context.share, context.database);
  } catch (error) {
    return { shared: false, error: describeError(error) };
  }
  if (result.failed === 0) return { shared: true };
  return {
    shared: false,
    error: {
      code: 'share-failed',
      message: `Suppressed here, but not yet shared with the team through SES (${result.firstError ?? 'unknown error'}); Rampart retries on its next poll.`,
    },
  };
}

function refuseAddress(email: string): { code: string; message: string } | null {
  const problem = addressProblem(emailKey(email));
  return problem ? { code: 'invalid-address', message: `“${email}” is not an email address: ${problem}.` } : null;
}

async function unsubscribeDay(context: SuppressContext): Promise<string> {
  const now = context.now();
  return localDay(now, await context.timeZone(now));
}

export async function handleSuppress(request: SuppressRequest, ctx: SuppressContext): Promise<SuppressReply> {
  const email = emailKey(request.email);
  const invalid = refuseAddress(email);
  if (invalid) return { email, suppressed: false, shared: false, error: invalid };
  const unsubscribe = request.reason === 'UNSUBSCRIBE';
  const result = await decideSuppression(
    {
      email,
      reason: request.reason,
      cause: request.cause ?? 'manual',
      unsubscribe,
      because: request.cause === 'stop-reply' ? 'the prospect asked to stop in a reply' : 'suppressed by hand',
      ...(unsubscribe ? { unsubscribeDay: await unsubscribeDay(ctx) } : {}),
    },
    ctx.now(),
    ctx.database,
  );
  const shared = await share(ctx);
  return { email, suppressed: true, ...(result.decided ? {} : { already: result.reason }), ...shared };
}

export async function handleUndoSuppress(request: UndoSuppressRequest, ctx: SuppressContext): Promise<UndoSuppressReply> {
  const result = await undoSuppression(request.email, ctx.now(), ctx.database, request.cause);
  if (!result.undone) {
    return {
      email: result.email,
      undone: false,
      shared: false,
      error: { code: 'not-decided', message: `Rampart did not suppress ${result.email}, so there is nothing to undo.` },
    };
  }
  return { email: result.email, undone: true, ...(await share(ctx)) };
}

export async function handleStopReply(request: StopReplyRequest, ctx: SuppressContext): Promise<StopReplyReply> {
  const email = emailKey(request.email);
  if (refuseAddress(email) || email === emailKey(ctx.settings.fromAddress)) return { email, action: 'ignored' };
  const decision = await ctx.database.suppressionDecisions.get(email);
  const [row] = await cachedSuppressions(ctx.database, [email]);
  const undone = decision !== undefined && (decision.pending === 'lift' || decision.lifted === true);
  if (decision && !undone) return { email, action: 'already', reason: decision.reason };
  // An undo is the SDR's word on this address: offer again, never re-apply on our own.
  if (undone || !ctx.settings.autoSuppressStopReplies) {
    return row ? { email, action: 'already', reason: row.reason } : { email, action: 'offer' };
  }
  const done = await handleSuppress({ email, reason: 'UNSUBSCRIBE', cause: 'stop-reply' }, ctx);
  return { email, action: 'suppressed', shared: done.shared, ...(done.error ? { error: done.error } : {}) };
}

export async function handleImport(request: ImportRequest, ctx: SuppressContext): Promise<ImportReply> {
  // Refused whole, before a row is parsed: the sentence says what to do.
  const tooLarge = csvTooLarge(request.csv);
  if (tooLarge) return { imported: 0, already: 0, refused: [], shared: false, error: tooLarge };
  const result = await importSuppressionCsv(request.csv, ctx.now(), ctx.database);
  return { ...result, ...(await share(ctx)) };
}

export async function handleExport(_request: Record<string, never>, ctx: SuppressContext): Promise<ExportReply> {
  return exportSuppressionCsv(ctx.database);
}
