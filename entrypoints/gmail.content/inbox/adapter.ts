import type { Draft } from '@/lib/core/draft';

// What the compose UI needs from an inbox. Gmail is the first implementation
// (entrypoints/gmail.content/inbox/gmail); Outlook on the web can be added beside it without touching the
// guardrails or the compose UI.

export type ComposeKind = Draft['kind'];

/** One compose window on the page, for as long as it stays in the DOM. */
export interface Compose {
  /** The smallest element holding this compose's form, body and toolbar. */
  readonly element: HTMLElement;
  readonly kind: ComposeKind;
  /** The inbox's own id for the compose (Gmail's composeid), or one made for it. */
  readonly composeId: string;
}

/** How the user asked the inbox to send: a click, the keyboard shortcut, or a key on the button. */
export type PresendTrigger = 'click' | 'shortcut' | 'button-key';

export interface PresendEvent {
  readonly trigger: PresendTrigger;
  /** Hold the inbox's own Send: the event never reaches the inbox's listeners. */
  cancel(): void;
}

/** What a draft is read for: the live check, or the send itself. */
export type DraftPurpose = 'check' | 'send';

export interface InboxAdapter {
  /**
   * Report compose windows as they appear and disappear, until `signal` aborts. Each
   * compose is reported once; `onRemoved` follows its `onAdded` when it leaves the DOM.
   */
  findComposes(root: Document, signal: AbortSignal, onAdded: (compose: Compose) => void, onRemoved: (compose: Compose) => void): void;
  /**
   * Read the draft as it stands. Targets that cannot be found are listed in `unreadable`,
   * never guessed. For a `check`, the body's text may be read more cheaply than as sent.
   */
  readDraft(compose: Compose, purpose?: DraftPurpose): Draft;
  /** Call `onChange` (batched per microtask) when anything in the compose may have changed. */
  watchDraft(compose: Compose, onChange: () => void, signal: AbortSignal): void;
  /** Hold the inbox's own Send in the capture phase; `handler` decides synchronously. */
  onPresend(compose: Compose, handler: (event: PresendEvent) => void, signal: AbortSignal): void;
  /** A wrapper element placed beside the inbox's Send, for the compose UI to mount into. */
  mountPanel(compose: Compose): HTMLElement;
  /** Discard the draft through the inbox's own control; false when that control cannot be found. */
  discard(compose: Compose): boolean;
}

/** Targets a draft can name in `unreadable`, and what the compose UI says about each. */
export const unreadableSentences: Record<string, string> = {
  recipients: 'Rampart can’t read the recipients of this draft.',
  'pending-recipient': 'Finish the address you are typing (press Enter) so Rampart can check it.',
  subject: 'Rampart can’t read the subject of this draft.',
  body: 'Rampart can’t read the body of this draft.',
  from: 'Rampart can’t read the From address of this draft.',
};
