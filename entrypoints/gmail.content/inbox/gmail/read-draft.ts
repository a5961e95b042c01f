import type { Draft } from '@/lib/core/draft';
import type { Compose, DraftPurpose } from '@/entrypoints/gmail.content/inbox/adapter';
import { hasAttachments } from './attachments';
import { isReply } from './is-reply';
import { readAccount } from './read-account';
import { readBody } from './read-body';
import { readFrom } from './read-from';
import { readRecipients } from './read-recipients';
import { readSubject } from './read-subject';
import { reportMissing } from './report-missing';

/** The draft as it stands; what cannot be read is named in `unreadable`, never guessed. */
export function readDraft(compose: Compose, purpose: DraftPurpose = 'send'): Draft {
  const root = compose.element;
  const unreadable: string[] = [];
  const missing = (target: string) => {
    unreadable.push(target);
    reportMissing(root, target);
  };

  const recipients = readRecipients(root);
  if (!recipients || recipients.unreadableChip) missing('recipients');
  else if (recipients.pending) unreadable.push('pending-recipient');

  const from = readFrom(root);
  if (from.found && !from.own && !from.from) missing('from');

  const subject = readSubject(root);
  if (subject === null) missing('subject');

  const body = readBody(root, purpose === 'send');
  if (!body) missing('body');

  const inbox = readAccount(root.ownerDocument?.title ?? '');

  return {
    composeId: compose.composeId,
    kind: compose.kind,
    from: from.from,
    to: recipients?.to ?? [],
    cc: recipients?.cc ?? [],
    bcc: recipients?.bcc ?? [],
    subject: subject ?? '',
    html: body?.html ?? '',
    text: body?.text ?? '',
    hasAttachments: hasAttachments(root),
    isReply: isReply(root, compose.kind, subject),
    unreadable,
    ...(inbox ? { inbox } : {}),
  };
}
