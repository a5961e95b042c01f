// NextTokens that SES can refuse: signed by this emulator, bound to the operation and the
// filters of the listing that issued them, and valid for a limited time on the emulator's
// clock. ListSuppressedDestinations answers InvalidNextTokenException ("The specified
// request includes an invalid or expired token.", SES API v2 reference,
// ListSuppressedDestinations, Errors) for any other token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Emulator } from '../context';
import { AwsError } from '../http/errors';

/**
 * How long a token stays usable. AWS documents no lifetime for SES's tokens (they do
 * expire); an hour is far longer than any page-by-page walk and short enough for a test
 * to pass it by moving the clock.
 */
export const NEXT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export const invalidNextToken = () =>
  new AwsError(400, 'InvalidNextTokenException', 'The specified request includes an invalid or expired token.');

/** One signing key per emulator, so a token from another emulator (or a restart) is foreign. */
const keys = new WeakMap<Emulator, Buffer>();
function keyOf(emulator: Emulator): Buffer {
  let key = keys.get(emulator);
  if (!key) keys.set(emulator, (key = randomBytes(32)));
  return key;
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

interface TokenBody {
  /** The operation that issued it. */
  op: string;
  /** The request's filters, as the operation spells them. */
  filter: string;
  /** The last key handed out. */
  after: string;
  /** Issued at, emulator clock (ms). */
  at: number;
}

/** Reads and writes the tokens of one listing: `op` with `filter`. */
export interface TokenCodec {
  issue(after: string): string;
  /** The key named by a token, or InvalidNextTokenException. */
  read(token: string): string;
}

export function signedTokens(emulator: Emulator, op: string, filter: string): TokenCodec {
  const key = keyOf(emulator);
  return {
    issue(after) {
      const body: TokenBody = { op, filter, after, at: emulator.clock.now() };
      const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
      return `${payload}.${sign(key, payload)}`;
    },
    read(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) throw invalidNextToken();
      const expected = Buffer.from(sign(key, payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidNextToken();
      let body: TokenBody;
      try {
        body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenBody;
      } catch {
        throw invalidNextToken();
      }
      // Another operation's token, or one issued for other filters, names a place in another list.
      if (body.op !== op || body.filter !== filter || typeof body.after !== 'string') throw invalidNextToken();
      if (emulator.clock.now() - body.at > NEXT_TOKEN_LIFETIME_MS) throw invalidNextToken();
      return body.after;
    },
  };
}
