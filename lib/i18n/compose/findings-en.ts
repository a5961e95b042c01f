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
} as const;

export type FindingSentenceKey = keyof typeof findingsEn;
export type FindingSentences = Record<FindingSentenceKey, string>;
