import { handlePollFeedback } from '../feedback/schedule';
import type { Handlers } from '../router';
import { handleExport, handleImport, handleStopReply, handleSuppress, handleUndoSuppress } from './service';

/** The background's handlers for suppression, STOP replies, CSV and the feedback poll. */
export const suppressionHandlers: Handlers = {
  suppress: (request) => handleSuppress(request),
  undoSuppress: (request) => handleUndoSuppress(request),
  stopReply: (request) => handleStopReply(request),
  importSuppressions: (request) => handleImport(request),
  exportSuppressions: (request) => handleExport(request),
  pollFeedback: () => handlePollFeedback(),
};
