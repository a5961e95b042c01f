// The team's settings object on the emulator, read and written as the extension would:
// a plain fetch signed with the AWS SDK's own SigV4 signer, with a member's credentials.
// Every member reads it; only the lead writes it, so a lead's resume reaches every member.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { POOL_ID, REGION, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const OBJECT = '/rampart-team-settings/team-settings.json';
const LEAD = 'sdr@outbound.example.com';
const ANA = 'ana@outbound.example.com';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** node:crypto as the signer's hash (plain and HMAC). */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

async function credentialsOf(email: string): Promise<AwsCredentialIdentity> {
  await h.control('POST', '/_local/user-pool', { signedInEmail: email });
  const pool = await h.control<{ userPoolId: string; clientId: string }>('GET', '/_local/user-pool');
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: pool.clientId,
    redirect_uri: REDIRECT,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const redirect = await fetch(`${h.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
  const tokens = (await (
    await fetch(`${h.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: pool.clientId,
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }),
    })
  ).json()) as { id_token: string };
  const Logins = { [`cognito-idp.${REGION}.amazonaws.com/${pool.userPoolId}`]: tokens.id_token };
  const { IdentityId } = await h.cognito().send(new GetIdCommand({ IdentityPoolId: POOL_ID, Logins }));
  const { Credentials } = await h.cognito().send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretKey!, sessionToken: Credentials!.SessionToken! };
}

/** A signed S3 request on the emulator's path-style endpoint. */
async function s3(
  credentials: AwsCredentialIdentity,
  method: 'GET' | 'PUT',
  path = OBJECT,
  body?: string,
  extra: Record<string, string> = {},
) {
  const url = new URL(path, h.url);
  const signer = new SignatureV4({ service: 's3', region: REGION, credentials, sha256: Sha256, uriEscapePath: false });
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
    body,
  });
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, etag: response.headers.get('etag'), text: await response.text() };
}

const settings = (paused: boolean, by: string) =>
  JSON.stringify({ version: 1, paused, by, plan: { startPerDay: 20, stepPerDay: 5, max: 200 }, shares: { [ANA]: 0.5 } });

describe('the team’s settings object', () => {
  test('nothing is stored at first: NoSuchKey', async () => {
    const read = await s3(await credentialsOf(ANA), 'GET');
    expect(read.status).toBe(404);
    expect(read.text).toMatch(/<Code>NoSuchKey<\/Code>/);
  });

  test('the lead writes; every member reads the same bytes; a conditional read answers 304 until it changes', async () => {
    const lead = await credentialsOf(LEAD);
    const ana = await credentialsOf(ANA);
    const written = await s3(lead, 'PUT', OBJECT, settings(true, LEAD));
    expect(written.status).toBe(200);
    expect(written.etag).toMatch(/^"[0-9a-f]{32}"$/);

    const read = await s3(ana, 'GET');
    expect(read).toMatchObject({ status: 200, etag: written.etag });
    expect(JSON.parse(read.text)).toMatchObject({ paused: true, by: LEAD });
    expect((await s3(ana, 'GET', OBJECT, undefined, { 'if-none-match': written.etag! })).status).toBe(304);

    // The lead's resume reaches the member's next read.
    const resumed = await s3(lead, 'PUT', OBJECT, settings(false, LEAD));
    expect(resumed.etag).not.toBe(written.etag);
    const again = await s3(ana, 'GET', OBJECT, undefined, { 'if-none-match': written.etag! });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ paused: false });
  });

  test('an SDR may not write it: AccessDenied as IAM words it, and the object is unchanged', async () => {
    const lead = await credentialsOf(LEAD);
    await s3(lead, 'PUT', OBJECT, settings(true, LEAD));
    const refused = await s3(await credentialsOf(ANA), 'PUT', OBJECT, settings(false, ANA));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<Code>AccessDenied</Code>');
    expect(refused.text).toContain(
      'User: arn:aws:sts::000000000000:assumed-role/Rampart-Authenticated/CognitoIdentityCredentials is not authorized to perform: s3:PutObject on resource: &#34;arn:aws:s3:::rampart-team-settings/team-settings.json&#34; because no identity-based policy allows the s3:PutObject action',
    );
    expect(JSON.parse((await s3(lead, 'GET')).text)).toMatchObject({ paused: true });
  });

  test('guests, other keys of the bucket and a forged signature are refused', async () => {
    await s3(await credentialsOf(LEAD), 'PUT', OBJECT, settings(true, LEAD));
    expect((await s3(await h.guestCredentials(), 'GET')).status).toBe(403);
    const other = await s3(await credentialsOf(ANA), 'GET', '/rampart-team-settings/other.json');
    expect(other.status).toBe(403);
    const ana = await credentialsOf(ANA);
    const forged = await s3({ ...ana, secretAccessKey: 'not-the-secret' }, 'GET');
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});
