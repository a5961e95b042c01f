import type { UserError } from '@/lib/core/errors';

// Requests and replies of the suppression and feedback messages (the protocol,
// lib/protocol/messages.ts, validates the requests and carries both).

/** Suppress an address by hand (or for a STOP reply), for the whole team. */
export interface SuppressRequest {
  email: string;
  reason: 'MANUAL' | 'UNSUBSCRIBE';
  cause?: 'manual' | 'stop-reply';
}

/** Undo a suppression Rampart decided; `stop-reply` undoes only a STOP reply's. */
export interface UndoSuppressRequest {
  email: string;
  cause?: 'stop-reply';
}

/** A prospect's reply in an open thread asks to stop. */
export interface StopReplyRequest {
  email: string;
  phrase: string;
}

/** Suppressions from CSV (address, reason, date). */
export interface ImportRequest {
  csv: string;
}

export interface SuppressReply {
  email: string;
  /** True when the address is suppressed now (by this request or before it). */
  suppressed: boolean;
  /** The reason it already had, when Rampart had decided it before. */
  already?: string;
  /** Written to SES's list (and the contact list) already; false: it will be retried. */
  shared: boolean;
  error?: UserError;
}

export interface UndoSuppressReply {
  email: string;
  undone: boolean;
  shared: boolean;
  error?: UserError;
}

export interface StopReplyReply {
  email: string;
  /**
   * `offer`: ask the SDR; `suppressed`: applied at once (the setting is on);
   * `already`: suppressed before; `ignored`: the SDR's own message.
   */
  action: 'offer' | 'suppressed' | 'already' | 'ignored';
  reason?: string;
  shared?: boolean;
  error?: UserError;
}

/** A CSV row refused, with its line number and why. */
export interface RefusedRow {
  line: number;
  text: string;
  code: string;
  message: string;
}

export interface ImportReply {
  imported: number;
  /** Good rows for addresses Rampart had suppressed already. */
  already: number;
  refused: RefusedRow[];
  shared: boolean;
  error?: UserError;
}

export interface ExportReply {
  csv: string;
  rows: number;
}

export interface PollFeedbackReply {
  received: number;
  applied: number;
  duplicates: number;
  suppressed: string[];
  lastEventAt?: string;
  error?: UserError;
}
