// Injected SendEmail failures (`POST /_local/faults`): throttling, a limit, an internal failure,
// or a send that is accepted but whose answer is held back — the "lost response" case
// Rampart must report as unknown rather than resend. Also what a client meets on a bad
// day: a 503, a proxy's HTML error page, and answers to an accepted send that it cannot
// read (cut short, wrong types); and a send SES accepts and then rejects (a virus) or
// fails to render, which only its events tell.
import { AwsError } from './http/errors';

export type FaultKind =
  | 'TooManyRequestsException'
  | 'ThrottlingException'
  | 'LimitExceededException'
  | 'InternalFailure'
  | 'ServiceUnavailable'
  | 'BadGateway'
  | 'hold'
  | 'truncated'
  | 'wrong-types'
  | 'Reject'
  | 'RenderingFailure';
export const FAULT_KINDS: readonly FaultKind[] = [
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'InternalFailure',
  'ServiceUnavailable',
  'BadGateway',
  'hold',
  'truncated',
  'wrong-types',
  'Reject',
  'RenderingFailure',
];
/** Faults that refuse the call: nothing is sent. */
export type RefusingFault =
  'TooManyRequestsException' | 'ThrottlingException' | 'LimitExceededException' | 'InternalFailure' | 'ServiceUnavailable' | 'BadGateway';
const REFUSING: readonly FaultKind[] = [
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'InternalFailure',
  'ServiceUnavailable',
  'BadGateway',
];
export const isRefusingFault = (kind: FaultKind): kind is RefusingFault => REFUSING.includes(kind);

/** One armed fault: its kind and, for the errors, the message SES would give instead of the usual one. */
export interface Fault {
  kind: FaultKind;
  message?: string;
}

export class Faults {
  private pending: (Fault & { remaining: number }) | undefined;
  private readonly held = new Set<() => void>();

  arm(kind: FaultKind, count: number, message?: string): void {
    this.pending = count > 0 ? { kind, message, remaining: count } : undefined;
  }

  /** Consumes one fault for this SendEmail call, if any is armed. */
  take(): Fault | undefined {
    if (!this.pending) return undefined;
    const { kind, message } = this.pending;
    this.pending.remaining--;
    if (this.pending.remaining <= 0) this.pending = undefined;
    return { kind, message };
  }

  remaining(): number {
    return this.pending?.remaining ?? 0;
  }

  /** Parks an answer until `release()`. */
  hold(answer: () => void): void {
    this.held.add(answer);
  }

  heldCount(): number {
    return this.held.size;
  }

  /** Sends every held answer; returns how many. */
  release(): number {
    const answers = [...this.held];
    this.held.clear();
    for (const answer of answers) answer();
    return answers.length;
  }

  /** Reset: disarm, and let held answers go rather than leave clients hanging. */
  reset(): void {
    this.pending = undefined;
    this.release();
  }
}

/**
 * Each error as SES answers it. ThrottlingException is the name AWS's sending-quota page
 * gives for the API ("Errors related to the sending quotas": the message is "Daily message
 * quota exceeded" or "Maximum sending rate exceeded"), a 400 per the SES API v2 Common
 * Errors; TooManyRequestsException (429) and LimitExceededException (400, "There are too
 * many instances of the specified resource type.") are SendEmail's modeled errors (SES API
 * v2 reference, SendEmail, Errors); InternalFailure is the common 500; a 503 and a proxy's
 * 502 (its body replaced by an HTML page in ses/routes.ts) are what a client meets on a bad day.
 */
const FAULT_ERRORS: Record<RefusingFault, { status: number; message: string }> = {
  TooManyRequestsException: { status: 429, message: 'Maximum sending rate exceeded.' },
  ThrottlingException: { status: 400, message: 'Maximum sending rate exceeded.' },
  LimitExceededException: { status: 400, message: 'There are too many instances of the specified resource type.' },
  InternalFailure: { status: 500, message: 'The request processing has failed because of an unknown error, exception or failure.' },
  ServiceUnavailable: { status: 503, message: 'Service is unavailable. Try again later.' },
  BadGateway: { status: 502, message: 'Bad Gateway' },
};

export function faultError(fault: Fault & { kind: RefusingFault }): AwsError {
  const { status, message } = FAULT_ERRORS[fault.kind];
  return new AwsError(status, fault.kind, fault.message ?? message);
}
