// JSON Web Tokens as Cognito's user pool issues them, signed with the emulator's own
// key. Cognito signs with RS256 and publishes its keys; the emulator only ever checks
// tokens it issued itself, so a private HMAC key (HS256) is enough and keeps the
// verification honest: a token that was not issued here, or was altered, is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Claims = Record<string, unknown> & { exp: number; iat: number };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenSigner {
  private readonly key = randomBytes(32);
  private readonly keyId = randomBytes(8).toString('hex');

  sign(claims: Claims): string {
    const header = base64url(JSON.stringify({ kid: this.keyId, alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** The claims of a token this signer issued; undefined when it did not, or it was altered. */
  verify(token: string): Claims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url'));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
      return typeof claims === 'object' && claims !== null && typeof claims.exp === 'number' ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}
