// Proof Key for Code Exchange (RFC 7636) with S256: the code the hosted UI hands back
// is worthless without the verifier, which never leaves the extension. Web Crypto, so
// the same code runs in the worker, in an extension page and in Node's tests.

export interface Pkce {
  /** 43–128 characters of [A-Za-z0-9-._~]: 32 random bytes, base64url (43 characters). */
  verifier: string;
  /** BASE64URL(SHA-256(verifier)). */
  challenge: string;
  method: 'S256';
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export async function createPkce(): Promise<Pkce> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { verifier, challenge: await challengeOf(verifier), method: 'S256' };
}

/** A value for OAuth's `state`: binds the redirect to the request that asked for it. */
export function randomState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}
