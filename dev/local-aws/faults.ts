// Injected SendEmail failures (`POST /_local/faults`): throttling, an internal failure,
// or a send that is accepted but whose answer is held back — the "lost response" case
// Rampart must report as unknown rather than resend.
import { AwsError } from './http/errors';

export type FaultKind = 'TooManyRequestsException' | 'InternalFailure' | 'hold';
export const FAULT_KINDS: readonly FaultKind[] = ['TooManyRequestsException', 'InternalFailure', 'hold'];

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

export function faultError(kind: Exclude<FaultKind, 'hold'>): AwsError {
  return kind === 'TooManyRequestsException'
    ? new AwsError(429, 'TooManyRequestsException', 'Maximum sending rate exceeded.')
    : new AwsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
}
