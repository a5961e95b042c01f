import type { InboxAdapter } from '@/entrypoints/gmail.content/inbox/adapter';
import { discard } from './discard';
import { findComposes } from './find-composes';
import { mountPanel } from './mount-panel';
import { onPresend } from './presend';
import { readDraft } from './read-draft';
import { watchDraft } from './watch-draft';

/** Gmail's web inbox. */
export const gmailAdapter: InboxAdapter = {
  findComposes,
  readDraft,
  watchDraft,
  onPresend,
  mountPanel,
  discard,
};
