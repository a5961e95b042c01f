// Injected SendEmail failures (`POST /_local/faults`): throttling, an internal failure,
// or a send that is accepted but whose answer is held back — the "lost response" case
// Rampart must report as unknown rather than resend. Also what a client meets on a bad
// day: a 503, a proxy's HTML error page, and answers to an accepted send that it cannot
// read (cut short, wrong types); and a send SES accepts and then rejects (a virus) or
// fails to render, which only its events tell.
import { AwsError } from './http/errors';

export type FaultKind =
  | 'TooManyRequestsException'
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
export type RefusingFault = 'TooManyRequestsException' | 'InternalFailure' | 'ServiceUnavailable' | 'BadGateway';
export const isRefusingFault = (kind: FaultKind): kind is RefusingFault =>
  kind === 'TooManyRequestsException' || kind === 'InternalFailure' || kind === 'ServiceUnavailable' || kind === 'BadGateway';

export class Faults {
  private pending: { kind: FaultKind; remaining: number } | undefined;
  private readonly held = new Set<() => void>();

  arm(kind: FaultKind, count: number): void {
    this.pending = count > 0 ? { kind, remaining: count } : undefined;
  }

  /** Consumes one fault for this SendEmail call, if any is armed. */
  take(): FaultKind | undefined {
    if (!this.pending) return undefined;
    const { kind } = this.pending;
    this.pending.remaining--;
    if (this.pending.remaining <= 0) this.pending = undefined;
    return kind;
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

export function faultError(kind: RefusingFault): AwsError {
  switch (kind) {
    case 'TooManyRequestsException':
      return new AwsError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
    case 'ServiceUnavailable':
      return new AwsError(503, 'ServiceUnavailable', 'Service is unavailable. Try again later.');
    case 'BadGateway':
      // The body is replaced by an HTML page (ses/routes.ts): a proxy answered, not SES.
      return new AwsError(502, 'BadGateway', 'Bad Gateway');
    default:
      return new AwsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
  }
}
