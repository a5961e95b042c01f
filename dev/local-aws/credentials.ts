import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from './clock';

/**
 * Temporary credentials as Cognito issues them (and one long-term key pair, for scripts
 * that talk to the emulator without going through Cognito, as an IAM user's keys would).
 */
export interface IssuedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Emulator-clock time after which AWS answers ExpiredTokenException; none for long-term keys. */
  expiresAtMs?: number;
  /** Set by `POST /_local/credentials/expire` (at once, or as the next SendEmail arrives). */
  revoked: boolean;
  identityId?: string;
}

/** Long-term keys accepted by the emulator (documented in README.md). */
export const STATIC_ACCESS_KEY_ID = 'AKIALOCALAWSEMULATOR';
export const STATIC_SECRET_ACCESS_KEY = 'local-aws-emulator-secret-access-key-0000';

/** Cognito's unauthenticated role sessions last one hour. */
export const CREDENTIAL_LIFETIME_MS = 60 * 60 * 1000;

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomKeyId = () => 'ASIA' + Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');

/**
 * The credential registry outlives `POST /_local/reset`: a browser under test keeps the
 * credentials it was given across resets, as it would keep them in AWS.
 */
export class CredentialRegistry {
  private readonly byKeyId = new Map<string, IssuedCredential>();
  /** Armed by `POST /_local/credentials/expire {atNextSend: true}`. */
  private expireAtNextSend = false;

  constructor(private readonly clock: EmulatorClock) {
    this.byKeyId.set(STATIC_ACCESS_KEY_ID, {
      accessKeyId: STATIC_ACCESS_KEY_ID,
      secretAccessKey: STATIC_SECRET_ACCESS_KEY,
      revoked: false,
    });
  }

  issue(identityId: string): IssuedCredential {
    const credential: IssuedCredential = {
      accessKeyId: randomKeyId(),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiresAtMs: this.clock.now() + CREDENTIAL_LIFETIME_MS,
      revoked: false,
      identityId,
    };
    this.byKeyId.set(credential.accessKeyId, credential);
    return credential;
  }

  find(accessKeyId: string): IssuedCredential | undefined {
    return this.byKeyId.get(accessKeyId);
  }

  isExpired(credential: IssuedCredential): boolean {
    return credential.revoked || (credential.expiresAtMs !== undefined && this.clock.now() >= credential.expiresAtMs);
  }

  /**
   * The next SendEmail expires every temporary credential issued so far as it arrives,
   * before its own signature is checked: that SendEmail certainly meets the expired
   * token, whatever other callers (a background poll) sign in the meantime.
   */
  expireAllAtNextSend(): void {
    this.expireAtNextSend = true;
  }

  /** Called as a SendEmail arrives: carries out an armed expiry, once. */
  sendArrived(): void {
    if (!this.expireAtNextSend) return;
    this.expireAtNextSend = false;
    this.expireAllIssued();
  }

  /** A reset disarms an expiry nobody sent to meet. */
  disarm(): void {
    this.expireAtNextSend = false;
  }

  /** Every temporary credential issued so far expires now; the long-term keys do not. */
  expireAllIssued(): number {
    let count = 0;
    for (const credential of this.byKeyId.values()) {
      if (credential.sessionToken && !credential.revoked) {
        credential.revoked = true;
        count++;
      }
    }
    return count;
  }
}
