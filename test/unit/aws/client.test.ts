import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../../../dev/local-aws/server';
import type { Settings } from '@/lib/store/settings';
import { fetchAccount } from '@/lib/aws/account';
import { awsClients, dropAwsClients } from '@/lib/aws/client';
import { awsTargetOf, cognitoCredentials } from '@/lib/aws/credentials';
import { explainAwsError } from '@/lib/aws/errors';
import { settingsOf } from '../../support/builders';
import { fakeBrowser } from 'wxt/testing';
import { signOut } from '@/lib/aws/sign-in/session';
import { emulatorSignInSettings, signInThroughEmulator } from '../../support/sign-in';

// Credentials and clients against the local AWS emulator: Cognito's unsigned GetId and
// GetCredentialsForIdentity, then SigV4-signed SES calls with what it issued.

let aws: LocalAws;
beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
});
afterAll(async () => {
  dropAwsClients();
  await aws.close();
});
beforeEach(async () => {
  fakeBrowser.reset();
  await control('/_local/reset', {});
  await signInThroughEmulator(aws.url);
});

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${aws.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
}

function settings(patch: Partial<Settings> = {}): Settings {
  return settingsOf({ endpointOverride: aws.url, ...emulatorSignInSettings(aws.url), ...patch });
}

describe('cognitoCredentials', () => {
  it('gets temporary credentials from the identity pool and keeps them until shortly before they expire', async () => {
    let now = Date.now();
    const credentials = cognitoCredentials(awsTargetOf(settings()), () => now);
    const first = await credentials();
    expect(first.accessKeyId).toBeTruthy();
    expect(first.sessionToken).toBeTruthy();
    expect(first.expiration).toBeInstanceOf(Date);

    expect(await credentials()).toBe(first);

    // Four minutes before expiry: inside the refresh margin, so Cognito is asked again.
    now = first.expiration!.getTime() - 4 * 60_000;
    const second = await credentials();
    expect(second).not.toBe(first);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
  });

  it('shares one Cognito round trip between callers that ask at once', async () => {
    const credentials = cognitoCredentials(awsTargetOf(settings()));
    const [a, b, c] = await Promise.all([credentials(), credentials(), credentials()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('asks again after invalidate()', async () => {
    const credentials = cognitoCredentials(awsTargetOf(settings()));
    const first = await credentials();
    credentials.invalidate();
    expect((await credentials()).accessKeyId).not.toBe(first.accessKeyId);
  });

  it('nobody signed in: no guest identity, a sentence asking the user to sign in', async () => {
    await signOut();
    const credentials = cognitoCredentials(awsTargetOf(settings()));
    const error = await credentials().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(explainAwsError(error, 'credentials').error).toEqual({
      code: 'signed-out',
      message: 'Nobody is signed in to Rampart: sign in from Rampart’s options. Nothing was sent.',
    });
  });
});

describe('awsClients', () => {
  it('reuses the clients while the target is the same and rebuilds them when it changes', () => {
    const a = awsClients(settings());
    expect(awsClients(settings({ fromName: 'Someone else' }))).toBe(a);
    const b = awsClients(settings({ endpointOverride: 'http://127.0.0.1:1' }));
    expect(b).not.toBe(a);
    expect(b.credentials).not.toBe(a.credentials);
    expect(awsClients(settings({ region: 'eu-west-1', identityPoolId: 'eu-west-1:00000000-0000-4000-8000-000000000000' }))).not.toBe(b);
  });

  it('sends with one attempt and reads with the SDK’s retries', async () => {
    const { sesSend, sesRead } = awsClients(settings());
    expect(await sesSend.config.maxAttempts()).toBe(1);
    expect(await sesRead.config.maxAttempts()).toBeGreaterThan(1);
  });

  it('reads the account through signed requests', async () => {
    await control('/_local/account', { ProductionAccessEnabled: false, SendQuota: { Max24HourSend: 200, MaxSendRate: 1 } });
    expect(await fetchAccount(awsClients(settings()).sesRead)).toEqual({
      productionAccessEnabled: false,
      sendingEnabled: true,
      enforcementStatus: 'HEALTHY',
      max24HourSend: 200,
      maxSendRate: 1,
      sentLast24Hours: 0,
    });
  });

  it('says a refused connection sent nothing', async () => {
    const unreachable = awsClients(settings({ endpointOverride: 'http://127.0.0.1:9' }));
    const error = await fetchAccount(unreachable.sesRead).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(explainAwsError(error, 'credentials').error.code).toBe('network');
  });
});
