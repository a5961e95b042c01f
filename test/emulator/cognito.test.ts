import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { POOL_ID, REGION, refusal, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

describe('Cognito Identity', () => {
  test('GetId hands out a new identity of the pool', async () => {
    const first = await h.cognito().send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const second = await h.cognito().send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    expect(first).toEqual({
      IdentityId: expect.stringMatching(/^us-east-1:[0-9a-f-]{36}$/),
      $metadata: expect.objectContaining({ httpStatusCode: 200 }),
    });
    expect(second.IdentityId).not.toBe(first.IdentityId);
  });

  test('GetCredentialsForIdentity issues credentials that expire one hour after the emulator’s now', async () => {
    await h.control('POST', '/_local/clock', { now: '2026-03-02T10:00:00.000Z' });
    const { IdentityId } = await h.cognito().send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const response = await h.cognito().send(new GetCredentialsForIdentityCommand({ IdentityId }));
    expect(response).toEqual({
      IdentityId,
      Credentials: {
        AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
        SecretKey: expect.any(String),
        SessionToken: expect.any(String),
        Expiration: expect.any(Date),
      },
      $metadata: expect.objectContaining({ httpStatusCode: 200 }),
    });
    expect(Math.abs(response.Credentials!.Expiration!.getTime() - Date.parse('2026-03-02T11:00:00.000Z'))).toBeLessThan(2000);
  });

  test('fromCognitoIdentityPool resolves credentials against the emulator', async () => {
    const provider = fromCognitoIdentityPool({ identityPoolId: POOL_ID, clientConfig: { region: REGION, endpoint: h.url } });
    const credentials = await provider();
    expect(credentials).toMatchObject({
      identityId: expect.stringMatching(/^us-east-1:/),
      accessKeyId: expect.stringMatching(/^ASIA/),
      secretAccessKey: expect.any(String),
      sessionToken: expect.any(String),
      expiration: expect.any(Date),
    });
  });

  test('an unknown pool is ResourceNotFoundException', async () => {
    const error = await refusal(h.cognito().send(new GetIdCommand({ IdentityPoolId: 'us-east-1:11111111-1111-4111-8111-111111111111' })));
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:11111111-1111-4111-8111-111111111111' not found.",
    });
  });

  test('an unknown identity is ResourceNotFoundException', async () => {
    const error = await refusal(
      h.cognito().send(new GetCredentialsForIdentityCommand({ IdentityId: 'us-east-1:22222222-2222-4222-8222-222222222222' })),
    );
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Identity 'us-east-1:22222222-2222-4222-8222-222222222222' not found.",
    });
  });

  test('a pool that disallows unauthenticated identities answers NotAuthorizedException to both calls', async () => {
    const { IdentityId } = await h.cognito().send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    await h.control('POST', '/_local/pool', { allowUnauthenticated: false });
    const getId = await refusal(h.cognito().send(new GetIdCommand({ IdentityPoolId: POOL_ID })));
    expect(getId).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    const getCredentials = await refusal(h.cognito().send(new GetCredentialsForIdentityCommand({ IdentityId })));
    expect(getCredentials).toMatchObject({ name: 'NotAuthorizedException' });
    await h.control('POST', '/_local/pool', { allowUnauthenticated: true });
    await expect(h.cognito().send(new GetCredentialsForIdentityCommand({ IdentityId }))).resolves.toMatchObject({ IdentityId });
  });

  test('the pool control route refuses a non-boolean', async () => {
    await expect(h.control('POST', '/_local/pool', { allowUnauthenticated: 'yes' })).rejects.toThrow(/400/);
  });
});
