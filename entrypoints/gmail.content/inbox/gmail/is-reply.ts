import type { ComposeKind } from '@/entrypoints/gmail.content/inbox/adapter';
import { findBody } from './read-body';
import { QUOTED_MESSAGE, REPLY_SUBJECT, queryFirst } from './selectors';

/** A reply or forward: written inline in a thread, quoting a message, or titled so. */
export function isReply(compose: ParentNode, kind: ComposeKind, subject: string | null): boolean {
  if (kind === 'inline') return true;
  if (subject !== null && REPLY_SUBJECT.test(subject)) return true;
  const body = findBody(compose);
  return body ? queryFirst(body, QUOTED_MESSAGE) !== null : false;
}
