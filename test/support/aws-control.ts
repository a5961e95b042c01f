import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';

/**
 * Calls the emulator's control routes at `url`: GET without a body, POST with one; a
 * non-2xx answer throws with its text. One helper for every browser harness.
 */
export function awsControlAt(url: string) {
  return async function awsControl<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/**
 * Credentials of a signed-in member of the emulator's user pool (`email`), through its
 * identity pool as the extension gets them: guests get nothing from SES, SQS or S3. Each
 * provider keeps its own cache.
 */
export function signedInCredentials(url: string, email = 'sdr@outbound.example.com') {
  const cache = new Map<string, string>();
  return fromCognitoIdentityPool({
    identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
    clientConfig: { region: 'us-east-1', endpoint: url },
    cache: { getItem: (k) => cache.get(k) ?? null, setItem: (k, v) => void cache.set(k, v), removeItem: (k) => void cache.delete(k) },
    logins: {
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_RampartLo': async () =>
        (await awsControlAt(url)<{ idToken: string }>('/_local/login', { email })).idToken,
    },
  });
}
