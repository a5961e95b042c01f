import type { SESv2Client } from '@aws-sdk/client-sesv2';

// Not connected means not sent. In a service worker every network failure is the same
// `TypeError: Failed to fetch`, whether the request never left (no DNS answer, the
// connection refused, offline) or its answer was lost after SES may have taken it. A send
// is called certainly unsent only on proof about that very request:
// - the browser was offline at the call: the send does not start (a probe may stop a send
//   from starting; it never reclassifies a failure);
// - the browser's network stack says of that request that it never connected. Chromium
//   reports it through `webRequest.onErrorOccurred` (`net::ERR_NAME_NOT_RESOLVED`,
//   `net::ERR_CONNECTION_REFUSED`, `net::ERR_INTERNET_DISCONNECTED`, …), for the
//   extension's own service-worker fetches too. Each SendEmail attempt carries a header
//   with its own id, which `onSendHeaders` reads, so an error is matched to its request
//   and not to another send in flight.
// Anything else (no event in time, an error after connecting) stays a lost answer.
// Known limit: Chromium resends a request on its own when a reused keep-alive connection
// closes before any answer (seen end to end: SES got the SendEmail twice). The resend's
// error is the one reported, so a refused resend would read as "never connected" though
// the first try reached SES. Not closed here.

/** Request header naming one SendEmail attempt (not signed; AWS ignores it). */
export const ATTEMPT_HEADER = 'x-rampart-attempt';

/**
 * Network errors that prove the request never reached the server: no address for the
 * host, no connection to it, no network at all. (Chromium's `net::` names; Firefox's
 * `NS_ERROR_` ones.)
 */
const NEVER_CONNECTED = new Set([
  'net::ERR_NAME_NOT_RESOLVED',
  'net::ERR_NAME_RESOLUTION_FAILED',
  'net::ERR_CONNECTION_REFUSED',
  'net::ERR_INTERNET_DISCONNECTED',
  'net::ERR_ADDRESS_UNREACHABLE',
  'net::ERR_ADDRESS_INVALID',
  'NS_ERROR_UNKNOWN_HOST',
  'NS_ERROR_CONNECTION_REFUSED',
  'NS_ERROR_OFFLINE',
]);

/** How long a failed attempt waits for the browser's word on it before it stays unknown. */
export const PROOF_WAIT_MS = 5_000;

interface Seen {
  requestId?: string;
  error?: string;
}

const attempts = new Map<string, Seen>();
const attemptOfRequest = new Map<string, string>();

interface RequestHeaders {
  requestId: string;
  requestHeaders?: Array<{ name: string; value?: string }>;
}
interface RequestError {
  requestId: string;
  error: string;
}
interface WebRequestEvents {
  onSendHeaders: { addListener(callback: (details: RequestHeaders) => void, filter: { urls: string[] }, extra?: string[]): void };
  onErrorOccurred: { addListener(callback: (details: RequestError) => void, filter: { urls: string[] }): void };
}

let watching = false;

/**
 * Listen to the browser's own account of each request. Call synchronously in the
 * background's main; without the `webRequest` API (tests in Node) no proof ever comes.
 */
export function watchConnections(webRequest: WebRequestEvents | undefined): void {
  if (!webRequest || watching) return;
  watching = true;
  const filter = { urls: ['<all_urls>'] };
  webRequest.onSendHeaders.addListener(
    (details) => {
      const id = details.requestHeaders?.find((h) => h.name.toLowerCase() === ATTEMPT_HEADER)?.value;
      const seen = id ? attempts.get(id) : undefined;
      if (!id || !seen) return;
      seen.requestId = details.requestId;
      attemptOfRequest.set(details.requestId, id);
    },
    filter,
    ['requestHeaders'],
  );
  webRequest.onErrorOccurred.addListener((details) => {
    const id = attemptOfRequest.get(details.requestId);
    const seen = id ? attempts.get(id) : undefined;
    if (seen) seen.error = details.error;
  }, filter);
}

/** Thrown instead of the network's error when a request certainly never reached AWS. */
export class NeverSentError extends Error {
  constructor(
    /** The proof: `offline`, or the browser's network error for that request. */
    readonly neverSent: string,
    cause?: unknown,
  ) {
    super(
      neverSent === 'offline' ? 'The browser was offline.' : `The request never reached AWS (${neverSent}).`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'NeverSentError';
  }
}

const isFetchFailure = (error: unknown) => error instanceof TypeError || (error as { name?: unknown } | null)?.name === 'TypeError';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function proofFor(id: string, waitMs: number): Promise<string | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const error = attempts.get(id)?.error;
    if (error !== undefined) return NEVER_CONNECTED.has(error) ? error : undefined;
    if (Date.now() >= until) return undefined;
    await sleep(50);
  }
}

export interface ConnectionOptions {
  /** `navigator.onLine` where there is one. */
  online?: () => boolean | undefined;
  waitMs?: number;
}

/** Give a client that sends (one attempt per call) the proof above. */
export function proveNeverSent(client: SESv2Client, options: ConnectionOptions = {}): void {
  const online = options.online ?? (() => (typeof navigator === 'undefined' ? undefined : navigator.onLine));
  const waitMs = options.waitMs ?? PROOF_WAIT_MS;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (online() === false) throw new NeverSentError('offline');
      const id = crypto.randomUUID();
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers[ATTEMPT_HEADER] = id;
      attempts.set(id, {});
      try {
        return await next(args);
      } catch (error) {
        if (!watching || !isFetchFailure(error)) throw error;
        const proof = await proofFor(id, waitMs);
        throw proof ? new NeverSentError(proof, error) : error;
      } finally {
        const seen = attempts.get(id);
        if (seen?.requestId) attemptOfRequest.delete(seen.requestId);
        attempts.delete(id);
      }
    },
    // After signing: the header is not part of the signature.
    { step: 'finalizeRequest', name: 'rampartProveNeverSent', priority: 'low' },
  );
}
