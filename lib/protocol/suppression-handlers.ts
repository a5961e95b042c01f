import { handlePollFeedback } from '@/lib/feedback/schedule';
import { planTimeZone } from '@/lib/account/ramp';
import { awsClients } from '@/lib/aws/client';
import { backgroundClock } from '@/lib/aws/clock';
import { db } from '@/lib/store/db';
import { loadSettings } from '@/lib/store/settings';
import {
  handleExport,
  handleImport,
  handleStopReply,
  handleSuppress,
  handleUndoSuppress,
  type SuppressContext,
} from '@/lib/suppression/service';
import type { Handlers } from './router';

/** What the suppression messages work with in the background: settings, SES, the clock, the plan's zone. */
export async function suppressContext(): Promise<SuppressContext> {
  const settings = await loadSettings();
  const clients = awsClients(settings);
  const database = db();
  return {
    settings,
    share: { ses: clients.sesRead, ...(settings.contactList ? { contactList: settings.contactList } : {}) },
    now: await backgroundClock(),
    database,
    timeZone: (now) => planTimeZone(now, database),
  };
}

/** The background's handlers for suppression, STOP replies, CSV and the feedback poll. */
export const suppressionHandlers: Handlers = {
  suppress: async (request) => handleSuppress(request, await suppressContext()),
  undoSuppress: async (request) => handleUndoSuppress(request, await suppressContext()),
  stopReply: async (request) => handleStopReply(request, await suppressContext()),
  importSuppressions: async (request) => handleImport(request, await suppressContext()),
  exportSuppressions: async (request) => handleExport(request, await suppressContext()),
  pollFeedback: () => handlePollFeedback(),
};
