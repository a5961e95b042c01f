// The compose panel's English sentences (components/compose), apart from the rest: the
// Gmail content script imports only these, so the popup's and options' sentences stay
// out of its bundle. lib/i18n/en.ts spreads them into the full dictionary.

export const composeEn = {
  'compose.send': 'Send via SES',
  'compose.sending': 'Sending…',
  'compose.send-title': 'Send this draft through Amazon SES',
  'compose.details': 'Details',
  'compose.hide': 'Hide',
  'compose.verdict.ok': 'Ready to send',
  'compose.verdict.warn': 'Check the warnings',
  'compose.verdict.block': 'Blocked',
  'compose.verdict.rechecking': '{verdict} (re-checking…)',
  'compose.checking': 'Checking…',
  'compose.not-checked': 'Not checked yet',
  'compose.attachments': 'This draft has attachments. Rampart sends text only: remove them or send with Gmail.',
  'compose.no-recipients': 'No recipients yet.',
  'compose.from': 'Sends from {from}',
  'compose.field.to': 'to',
  'compose.field.cc': 'cc',
  'compose.field.bcc': 'bcc',
  'compose.status.ok': 'ok',
  'compose.status.suppressed': 'suppressed',
  'compose.status.unverified': 'unverified',
  'compose.status.invalid': 'invalid',
  'compose.recipient.suppressed': 'This address is on the suppression list: it bounced, complained or unsubscribed.',
  'compose.recipient.unverified': 'The SES account is in the sandbox and this address is not verified.',
  'compose.recipient.invalid': 'This is not a valid address.',
  'compose.held.sent': 'Gmail’s Send is held: this draft already went out through SES.',
  'compose.held.blocked': 'Gmail’s Send is held: this draft is blocked (see above).',
  'compose.held.checking': 'Gmail’s Send is held while Rampart checks the changed recipients: send again once they are checked.',
  'compose.result.sent': 'Sent via SES. Message ID: {messageId}.',
  'compose.result.no-message-id': '(not returned)',
  'compose.result.not-discarded': 'Rampart could not find Gmail’s discard button: close this draft yourself, don’t send it again.',
  'compose.result.not-sent': 'Not sent.',
  'compose.result.failed': 'Not sent: {message} The draft is untouched.',
  'compose.result.failed-unexplained': 'the send failed.',
  'compose.result.unknown':
    'Rampart can’t tell whether this message went out: it may or may not have been sent. Rampart will not resend it; check the outbox before sending it again.',
  'compose.result.unknown-after': 'It may or may not have been sent, and Rampart will not resend it.',
  'compose.unreadable': 'Rampart can’t read the {target} of this draft.',
  'compose.unreadable.recipients': 'Rampart can’t read the recipients of this draft.',
  'compose.unreadable.pending-recipient': 'Finish the address you are typing (press Enter) so Rampart can check it.',
  'compose.unreadable.subject': 'Rampart can’t read the subject of this draft.',
  'compose.unreadable.body': 'Rampart can’t read the body of this draft.',
  'compose.unreadable.from': 'Rampart can’t read the From address of this draft.',
  'compose.unreadable.send-off': 'Send via SES is off for it.',
  'compose.finding.runway-short':
    'Short reputation runway — hard bounces to Rampart’s {alertPercent} alert level today: {alert} (to AWS’s {reviewPercent} review level: {review}); recipients of this draft: {recipients}. Check the addresses before sending.',
  'compose.confirm': 'I have read the warnings above: send anyway.',
} as const;

export type ComposeMessageKey = keyof typeof composeEn;
export type ComposeMessages = Record<ComposeMessageKey, string>;
