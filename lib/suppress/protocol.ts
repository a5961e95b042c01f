import type { UserError } from '../messages';

// Replies of the suppression and feedback messages (declared in lib/messages.ts).

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
