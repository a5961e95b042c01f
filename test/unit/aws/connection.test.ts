import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { ATTEMPT_HEADER, NeverSentError, proveNeverSent, watchConnections } from '@/lib/aws/connection';
import { explainAwsError } from '@/lib/aws/errors';

// The proof that a send never left, as the service worker gets it: every failure is the
// same TypeError; the browser's webRequest events say what happened to that very request.

type Listener<T> = (details: T) => void;
const headersListeners: Listener<{ requestId: string; requestHeaders?: Array<{ name: string; value?: string }> }>[] = [];
const errorListeners: Listener<{ requestId: string; error: string }>[] = [];
watchConnections({
  onSendHeaders: { addListener: (callback) => void headersListeners.push(callback) },
  onErrorOccurred: { addListener: (callback) => void errorListeners.push(callback) },
});

let requestCounter = 0;
/** A client whose "network" fails every request as fetch does, the browser reporting `netError`. */
function failingClient(netError: string, options: { online?: () => boolean } = {}) {
  const seen: string[] = [];
  const client = new SESv2Client({
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        const requestId = String(++requestCounter);
        seen.push(request.headers[ATTEMPT_HEADER]!);
        for (const l of headersListeners)
          l({ requestId, requestHeaders: Object.entries(request.headers).map(([name, value]) => ({ name, value })) });
        // The browser's event may come after fetch has already rejected.
        setTimeout(() => errorListeners.forEach((l) => l({ requestId, error: netError })), 20);
        throw new TypeError('Failed to fetch');
      },
    } as never,
  });
  proveNeverSent(client, { waitMs: 2_000, ...options });
  return { client, seen };
}
const input = {
  FromEmailAddress: 'sdr@outbound.example.com',
  Destination: { ToAddresses: ['a@b.example'] },
  Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } },
};

describe('not connected means not sent', () => {
  it('a refused connection or an unknown host of that very request is proof: refused, nothing sent', async () => {
    for (const netError of ['net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_INTERNET_DISCONNECTED']) {
      const { client, seen } = failingClient(netError);
      const thrown = await client.send(new SendEmailCommand(input)).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(NeverSentError);
      expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(explainAwsError(thrown)).toMatchObject({ disposition: 'refused', error: { code: 'network' } });
    }
  });

  it('a connection lost after it was made is no proof: the TypeError stays, maybe sent', async () => {
    for (const netError of ['net::ERR_EMPTY_RESPONSE', 'net::ERR_CONNECTION_RESET', 'net::ERR_TIMED_OUT']) {
      const { client } = failingClient(netError);
      const thrown = await client.send(new SendEmailCommand(input)).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(TypeError);
      expect(explainAwsError(thrown).disposition).toBe('maybe-sent');
    }
  });

  it('offline at the call: the request never starts', async () => {
    const { client, seen } = failingClient('net::ERR_EMPTY_RESPONSE', { online: () => false });
    const thrown = await client.send(new SendEmailCommand(input)).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ name: 'NeverSentError', neverSent: 'offline' });
    expect(seen).toEqual([]);
    expect(explainAwsError(thrown)).toMatchObject({ disposition: 'refused', error: { code: 'offline' } });
  });
});
