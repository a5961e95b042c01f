// The sentences of findings about a draft (lib/guardrails), apart from the compose
// panel's own: the background writes a finding's English from these, and the panel says it
// in another language from the dictionary it fetches (wxt.config.ts writes these into it),
// so the Gmail content script carries none of them.

export const findingsEn = {
  'compose.finding.runway-short':
    'Short reputation runway — hard bounces to Rampart’s {alertPercent} alert level today: {alert} (to AWS’s {reviewPercent} review level: {review}); recipients of this draft: {recipients}. Check the addresses before sending.',
  'compose.finding.undeliverable.nxdomain':
    '{email} cannot receive mail: the domain {domain} does not exist. Sending would be a certain hard bounce.',
  'compose.finding.undeliverable.null-mx':
    '{email} cannot receive mail: {domain} says it accepts no mail (null MX). Sending would be a certain hard bounce.',
  'compose.finding.undeliverable.no-mail-server':
    '{email} cannot receive mail: {domain} has no mail server (no MX, A or AAAA record). Sending would be a certain hard bounce.',
  'compose.finding.unchecked': 'Not checked: Rampart could not look up the mail servers of {domain} in time.',
  'compose.finding.disposable': '{email} is at {domain}, a disposable-address service: such inboxes expire and bounce.',
  'compose.finding.gmail-from': 'Gmail’s From is {gmail}, but Send via SES sends from {ses}, the identity set up in Rampart’s options.',
  'compose.finding.role': '{email} is a role address ({role}@): it reaches a team or a list, not a person, and draws complaints.',
  'compose.finding.typo': '{email} looks like a typo: did you mean {suggestion}?',
  'compose.finding.dmarc-missing': '{domain} publishes no DMARC record; Gmail and Yahoo expect one from anyone sending in volume.',
  'compose.finding.dmarc-unknown': 'Rampart could not look up a DMARC record for {domain}.',
  'compose.finding.from-transactional-domain':
    'You are sending from {domain}, the company’s own domain: complaints about outbound would hurt the mail it depends on. Send from the outbound domain instead.',
  'compose.finding.account-unknown': 'Rampart has not read the SES account yet, so its quota, sandbox and sending status are not checked.',
  'compose.finding.account-shutdown':
    'AWS has shut down sending for this SES account; the team lead must contact AWS Support before anyone can send.',
  'compose.finding.account-sending-disabled':
    'Sending is paused for this SES account (SendingEnabled is off); nothing can be sent until it is resumed.',
  'compose.finding.account-probation':
    'AWS has put this SES account under review (probation): it still sends, but more bounces or complaints can pause it. Send only to people who expect your message.',
  'compose.finding.no-recipients': 'Add at least one recipient (To, Cc or Bcc).',
  'compose.finding.too-many-recipients':
    'This draft has {count} recipients; SES takes at most {max} in one message (To, Cc and Bcc together).',
  'compose.finding.from-not-verified': 'SES will not send from {email}: its identity {identity} is not verified in this SES account.',
  'compose.finding.sandbox-recipient':
    '{email} is not a verified identity, and this SES account is still in the sandbox, where SES sends only to verified addresses and domains.',
  'compose.finding.suppressed.BOUNCE': '{email} has been suppressed since {day} because mail to it bounced.',
  'compose.finding.suppressed.COMPLAINT':
    '{email} has been suppressed since {day} because its owner complained (marked a message as spam).',
  'compose.finding.suppressed.UNSUBSCRIBE': '{email} has been suppressed since {day} because its owner unsubscribed.',
  'compose.finding.suppressed.MANUAL': '{email} has been suppressed since {day} because it was suppressed manually.',
  'compose.finding.from-address-changed':
    'This draft is from {email}, not your pinned address {pinned}; confirm to send from the new address (the change is logged).',
  'compose.finding.from-name-changed':
    'This draft is from “{name}”, not your pinned name “{pinned}”; confirm to send under the new name (the change is logged).',
  'compose.finding.from-name-removed':
    'This draft goes out with no From name, not your pinned name “{pinned}”; confirm to send without it (the change is logged).',
  'compose.finding.cap-unknown':
    'Rampart does not know today’s cap yet: there is no ramp plan and no account picture from SES. Press “Sync now” in Rampart’s popup (and ask your lead to save a ramp plan), then send.',
  'compose.finding.cap-no-plan':
    'Nothing caps today’s sends: SES reports an unlimited daily quota and there is no ramp plan. Ask your lead to save a ramp plan in Rampart’s options, then send.',
  'compose.finding.replies-elsewhere':
    'Replies go to {replies}, not to this Gmail inbox ({inbox}), so Rampart would not see a prospect’s STOP. Set Reply-To in Rampart’s options to {inbox}.',
} as const;

export type FindingSentenceKey = keyof typeof findingsEn;
export type FindingSentences = Record<FindingSentenceKey, string>;
