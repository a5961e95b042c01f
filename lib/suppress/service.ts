import type { Clock } from '../clock';
import { db, type RampartDb } from '../db';
import { backgroundClock } from '../enforce/clock';
import { localDay } from '../ramp/calendar';
import { planTimeZone } from '../ramp-store/ramp';
import { awsClients } from '../ses/client';
import { describeError } from '../ses/errors';
import { loadSettings, type Settings } from '../settings';
import { addressProblem } from '../guardrails/address';
import type { Request } from '../messages';
import { cachedSuppressions } from './cache';
import { decideSuppression, normaliseEmail, undoSuppression } from './decide';
import type { ExportReply, ImportReply, StopReplyReply, SuppressReply, UndoSuppressReply } from './protocol';
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
}

export async function suppressContext(): Promise<SuppressContext> {
  const settings = await loadSettings();
  const clients = awsClients(settings);
  return {
    settings,
    share: { ses: clients.sesRead, ...(settings.contactList ? { contactList: settings.contactList } : {}) },
    now: await backgroundClock(),
    database: db(),
  };
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
  const problem = addressProblem(normaliseEmail(email));
  return problem ? { code: 'invalid-address', message: `“${email}” is not an email address: ${problem}.` } : null;
}

async function unsubscribeDay(context: SuppressContext): Promise<string> {
  const now = context.now();
  return localDay(now, await planTimeZone(now, context.database));
}

export async function handleSuppress(request: Request<'suppress'>, context?: SuppressContext): Promise<SuppressReply> {
  const ctx = context ?? (await suppressContext());
  const email = normaliseEmail(request.email);
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

export async function handleUndoSuppress(request: Request<'undoSuppress'>, context?: SuppressContext): Promise<UndoSuppressReply> {
  const ctx = context ?? (await suppressContext());
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

export async function handleStopReply(request: Request<'stopReply'>, context?: SuppressContext): Promise<StopReplyReply> {
  const ctx = context ?? (await suppressContext());
  const email = normaliseEmail(request.email);
  if (refuseAddress(email) || email === normaliseEmail(ctx.settings.fromAddress)) return { email, action: 'ignored' };
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

export async function handleImport(request: Request<'importSuppressions'>, context?: SuppressContext): Promise<ImportReply> {
  // Refused whole, before a row is parsed: the sentence says what to do.
  const tooLarge = csvTooLarge(request.csv);
  if (tooLarge) return { imported: 0, already: 0, refused: [], shared: false, error: tooLarge };
  const ctx = context ?? (await suppressContext());
  const result = await importSuppressionCsv(request.csv, ctx.now(), ctx.database);
  return { ...result, ...(await share(ctx)) };
}

export async function handleExport(_request: Request<'exportSuppressions'>, context?: SuppressContext): Promise<ExportReply> {
  const database = context?.database ?? db();
  return exportSuppressionCsv(database);
}
