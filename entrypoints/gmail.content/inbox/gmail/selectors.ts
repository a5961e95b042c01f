// Gmail's compose DOM, as named selectors with ordered alternatives (most stable
// first). Gmail's class names are obfuscated tokens it renames now and then: prefer
// structure and attributes, keep classic tokens last. See docs/gmail-dom.md (2026-11).

/** Each compose window holds one form with these fields. */
export const COMPOSE_FORM_MARKERS = ['input[name=composeid]', 'div[name=to]', 'textarea[name=to]', 'input[name=to]'];

/** Fallback compose roots when the structural walk from the form finds none. */
export const COMPOSE_ROOT_TOKENS = ['.M9', 'div[role=dialog]', '.ip', '.aSt'];

/** Full-screen compose (checked first: it is also a dialog). */
export const FULLSCREEN_CONTAINER = ['.aSs', '.aSt'];
/** Inline reply / forward inside a message view. */
export const INLINE_CONTAINER = ['.ip', '.AO'];
export const DIALOG = 'div[role=dialog]';
/** One message of a thread view. */
export const THREAD_MESSAGE = 'div.adn';

export const HIDDEN_COMPOSE_ID = 'input[name=composeid]';

export const SUBJECT = ['input[name=subjectbox]', 'input[name=subject]'];

/** The message body; aria labels are localized, so never `aria-label="Message Body"`. */
export const BODY = ['.Ap [g_editable=true]', '[g_editable=true]', 'div[contenteditable=true]'];

export const FROM = ['input[name=from]'];

export type RecipientField = 'to' | 'cc' | 'bcc';
export const RECIPIENT_FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc'];

/** The current recipient UI (chips in a listbox) is recognised by this. */
export const CURRENT_UI_MARKER = ['div[name=to] input[peoplekit-id]', 'div[name=to] [role=listbox]'];
export const currentUiField = (field: RecipientField) => `div[name=${field}]`;
export const CURRENT_UI_CHIP = '[role=listbox] [role=option]';
export const CURRENT_UI_TYPING = 'input[peoplekit-id]';

/** The older recipient UI: a chip `.vR` holding a hidden input `Name <email>`. */
export const olderUiChip = (field: RecipientField) => [`.vR input[type=hidden][name=${field}]`, `input[type=hidden][name=${field}]`];
export const olderUiTyping = (field: RecipientField) => `textarea[name=${field}]`;

/** Gmail's Send: not the send-and-archive (`.Uo`), not the schedule menu (aria-haspopup). */
export const SEND_BUTTON = [
  '.IZ .Up div > div[role=button]:not(.Uo):not([aria-haspopup])',
  '.Up div > div[role=button]:not(.Uo):not([aria-haspopup])',
  'div.T-I.T-I-atl:not(.Uo):not([aria-haspopup])',
];

/**
 * Attachments in the compose, outside the body (classic chip token `.dL`), and images
 * in the body that Gmail keeps as attachments (not plain https links).
 */
export const ATTACHMENT_CHIP = ['input[name=attach]', '.dL', '[download_url]', 'a[href*="view=att"]'];
export const ATTACHED_IMAGE = ['img[src^="blob:"]', 'img[src*="view=att"]', 'img[src*="attid="]', 'img[data-surl]'];

/** A quoted earlier message in the body. */
export const QUOTED_MESSAGE = ['.gmail_quote'];
/** Subject prefixes of a reply or forward, in the languages Gmail itself uses most. */
export const REPLY_SUBJECT = /^\s*(re|fwd?|aw|wg|sv|vs|tr|rv|r)\s*:/i;

/** Elements Rampart itself put in the compose; never read as Gmail's. */
export const RAMPART_HOST = '[data-rampart-host]';

/** The first element matching any alternative, in order of preference. */
export function queryFirst<E extends Element = HTMLElement>(root: ParentNode, alternatives: readonly string[]): E | null {
  for (const selector of alternatives) {
    for (const found of root.querySelectorAll<E & Element>(selector)) {
      if (!found.closest(RAMPART_HOST)) return found as E;
    }
  }
  return null;
}
