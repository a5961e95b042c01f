// Who may sign in and what each member may do, through the real SDK: the pre sign-up
// rule on the hosted UI, the lead-set claims in the ID token, the principal tags they
// become, and every SES / SQS call checked against them; the lead group; off-boarding.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import {
  CreateEmailIdentityCommand,
  DeleteSuppressedDestinationCommand,
  GetAccountCommand,
  PutSuppressedDestinationCommand,
  SendEmailCommand,
} from '@aws-sdk/client-sesv2';
import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { POOL_ID, REGION, refusal, simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const ANA = 'ana@outbound.example.com';
const LEAD = 'sdr@outbound.example.com';
const ANA_QUEUE = 'rampart-events-ana_40outbound_2eexample_2ecom';
const LEAD_QUEUE = 'rampart-events-sdr_40outbound_2eexample_2ecom';
const SDR_ROLE_USER = 'arn:aws:sts::000000000000:assumed-role/Rampart-Authenticated/CognitoIdentityCredentials';
const LEAD_ROLE_USER = 'arn:aws:sts::000000000000:assumed-role/Rampart-Lead/CognitoIdentityCredentials';
/** IAM's refusal of a SendEmail from `from` by `user`: one sentence, whichever of the statement's conditions failed. */
const sendRefusal = (user: string, from: string) =>
  `User: ${user} is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:000000000000:identity/${from} because no identity-based policy allows the ses:SendEmail action`;

interface UserPoolView {
  userPoolId: string;
  clientId: string;
}
interface Tokens {
  id_token: string;
  refresh_token: string;
}

const pool = () => h.control<UserPoolView>('GET', '/_local/user-pool');
const loginsKey = (userPoolId: string) => `cognito-idp.${REGION}.amazonaws.com/${userPoolId}`;
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The hosted UI's answer for `email` signing in: the redirect's query. */
async function authorizeAs(email: string, provider = 'Google'): Promise<{ query: URLSearchParams; verifier: string }> {
  await h.control('POST', '/_local/user-pool', { signedInEmail: email });
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const { clientId } = await pool();
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: 'openid email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    identity_provider: provider,
    state: 'st',
  });
  const response = await fetch(`${h.url}/oauth2/authorize?${query}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return { query: new URL(response.headers.get('location')!).searchParams, verifier };
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function signIn(email: string): Promise<Tokens> {
  const { query, verifier } = await authorizeAs(email);
  const code = query.get('code');
  expect(code, query.get('error_description') ?? '').toBeTruthy();
  const { clientId } = await pool();
  const { status, body } = await token({
    grant_type: 'authorization_code',
    client_id: clientId,
    code: code!,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  expect(status).toBe(200);
  return body as unknown as Tokens;
}

async function refresh(refreshToken: string) {
  const { clientId } = await pool();
  return token({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });
}

async function credentialsFor(idToken: string) {
  const { userPoolId } = await pool();
  const client = h.cognito();
  const Logins = { [loginsKey(userPoolId)]: idToken };
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID, Logins }));
  const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretKey!,
    sessionToken: Credentials!.SessionToken!,
    expiration: Credentials!.Expiration,
  };
}

const credentialsOf = async (email: string) => credentialsFor((await signIn(email)).id_token);
const sendAs = (from: string) => simpleEmail(['success@simulator.amazonses.com'], { FromEmailAddress: `Someone <${from}>` });

describe('who may sign in', () => {
  test('a stranger’s Google sign-in is refused with the pre sign-up sentence, and no user is made', async () => {
    const { query } = await authorizeAs('stranger@gmail.com');
    expect(query.get('code')).toBeNull();
    expect(query.get('error')).toBe('invalid_request');
    expect(query.get('error_description')).toBe(
      'PreSignUp failed with error stranger@gmail.com is not on this Rampart team. Sign in with your work account, or ask your team lead to invite this address.',
    );
    expect(query.get('state')).toBe('st');
    const team = await h.control<{ domains: string[]; members: { email: string }[] }>('GET', '/_local/team');
    expect(team.domains).toEqual(['outbound.example.com']);
    expect(team.members.map((m) => m.email)).toEqual([LEAD]);
    // A subdomain is not the team's domain.
    expect((await authorizeAs('eve@evil.outbound.example.com')).query.get('error_description')).toMatch(/^PreSignUp failed with error /);
  });

  test('the team’s domain is admitted; an invitation admits an address outside it', async () => {
    await expect(signIn(ANA)).resolves.toMatchObject({ id_token: expect.any(String) });
    await h.control('POST', '/_local/team', { invited: ['Contractor@Gmail.com'] });
    const contractor = await signIn('contractor@gmail.com');
    expect(claimsOf(contractor.id_token)).toMatchObject({ email: 'contractor@gmail.com' });
    await expect(h.control('POST', '/_local/team', { invited: ['not an address'] })).rejects.toThrow(/400/);
  });
});

describe('the lead-set claims and the principal tags', () => {
  test('the ID token carries the member’s sending address and sender tag; the lead’s also the leads group and role', async () => {
    const ana = claimsOf((await signIn(ANA)).id_token);
    expect(ana).toMatchObject({ 'custom:sending_address': ANA, 'custom:sender_tag': 'ana_40outbound_2eexample_2ecom' });
    expect(ana['cognito:groups']).toBeUndefined();
    expect(ana['cognito:preferred_role']).toBeUndefined();
    const lead = claimsOf((await signIn(LEAD)).id_token);
    expect(lead).toMatchObject({
      'custom:sending_address': LEAD,
      'cognito:groups': ['leads'],
      'cognito:preferred_role': 'arn:aws:iam::000000000000:role/Rampart-Lead',
    });
    await h.control('POST', '/_local/team/members', { email: ANA, sendingAddress: 'ana.b@outbound.example.com', senderTag: 'ana-b' });
    expect(claimsOf((await signIn(ANA)).id_token)).toMatchObject({
      'custom:sending_address': 'ana.b@outbound.example.com',
      'custom:sender_tag': 'ana-b',
    });
    await expect(h.control('POST', '/_local/team/members', { email: ANA, senderTag: 'ana@b' })).rejects.toThrow(/400/);
  });

  test('SendEmail from the member’s own address goes; from another SDR’s address is AccessDeniedException as IAM words it', async () => {
    const ses = h.ses({ credentials: await credentialsOf(ANA) });
    await expect(ses.send(new SendEmailCommand(sendAs(ANA)))).resolves.toMatchObject({ MessageId: expect.any(String) });
    const denied = await refusal(ses.send(new SendEmailCommand(sendAs(LEAD))));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: expect.objectContaining({ httpStatusCode: 403 }) });
    expect(denied.message).toBe(
      `User: ${SDR_ROLE_USER} is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:000000000000:identity/${LEAD} because no identity-based policy allows the ses:SendEmail action`,
    );
    const requests = await h.control<{ outcome: string }[]>('GET', '/_local/requests');
    expect(requests.map((r) => r.outcome)).toEqual(['accepted', 'AccessDeniedException']);
  });

  test('one sender-tag rule for sign-in, SQS rights and event routing: a `+` address and a non-ASCII one reach their own queue', async () => {
    // The tag the sign-in sets (the principal tag SQS calls are checked against) and the
    // tag events are routed by (an address given to `/_local/events`) must be the same:
    // each address below is one the two would disagree on, should the rule drift.
    const plus = { address: 'Ana.B+EU@Outbound.Example.com', tag: 'ana_2eb_2beu_40outbound_2eexample_2ecom' };
    const accented = { address: 'José@outbound.example.com', tag: 'jos_c3_a9_40outbound_2eexample_2ecom' };
    for (const { address, tag } of [plus, accented]) {
      const tokens = await signIn(address);
      expect(claimsOf(tokens.id_token)).toMatchObject({ 'custom:sender_tag': tag });
      const sqs = h.sqs({ credentials: await credentialsFor(tokens.id_token) });
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: `rampart-events-${tag}` }));
      const published = await h.control<{ queues: string[] }>('POST', '/_local/events', {
        type: 'Complaint',
        recipient: 'lee@prospect.example',
        sender: address,
      });
      expect(published.queues).toEqual([`rampart-events-${tag}`]);
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0, MaxNumberOfMessages: 10 }));
      expect(Messages?.map((m) => JSON.parse(m.Body!).eventType)).toEqual(['Complaint']);
    }
    // And a send from the `+` address, tagged by the rule, lands on the queue its sender may read.
    const credentials = await credentialsOf(plus.address);
    const { MessageId } = await h
      .ses({ credentials })
      .send(new SendEmailCommand({ ...sendAs(plus.address.toLowerCase()), EmailTags: [{ Name: 'sender', Value: plus.tag }] }));
    const sqs = h.sqs({ credentials });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: `rampart-events-${plus.tag}` }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0, MaxNumberOfMessages: 10 }));
    expect(Messages?.map((m) => JSON.parse(m.Body!).mail.messageId)).toContain(MessageId);
  });

  test('a member the lead has given no sending address may not send at all', async () => {
    await h.control('POST', '/_local/team/members', { email: ANA, sendingAddress: null });
    const ses = h.ses({ credentials: await credentialsOf(ANA) });
    expect(await refusal(ses.send(new SendEmailCommand(sendAs(ANA))))).toMatchObject({ name: 'AccessDeniedException' });
  });

  test('SQS: the member’s own queue only; another SDR’s queue is AccessDenied for every call', async () => {
    const lead = h.sqs({ credentials: await credentialsOf(LEAD) });
    const { QueueUrl: leadQueue } = await lead.send(new GetQueueUrlCommand({ QueueName: LEAD_QUEUE }));
    const sqs = h.sqs({ credentials: await credentialsOf(ANA) });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: ANA_QUEUE }));
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }))).resolves.toBeDefined();

    const byName = await refusal(sqs.send(new GetQueueUrlCommand({ QueueName: LEAD_QUEUE })));
    expect(byName).toMatchObject({ name: 'AccessDenied', $metadata: expect.objectContaining({ httpStatusCode: 403 }) });
    expect(byName.message).toBe(
      `User: ${SDR_ROLE_USER} is not authorized to perform: sqs:getqueueurl on resource: arn:aws:sqs:us-east-1:000000000000:${LEAD_QUEUE} because no identity-based policy allows the sqs:getqueueurl action`,
    );
    expect(await refusal(sqs.send(new ReceiveMessageCommand({ QueueUrl: leadQueue, WaitTimeSeconds: 0 })))).toMatchObject({
      name: 'AccessDenied',
    });
    expect(
      await refusal(sqs.send(new DeleteMessageBatchCommand({ QueueUrl: leadQueue, Entries: [{ Id: 'a', ReceiptHandle: 'x' }] }))),
    ).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('sqs:deletemessage on resource'),
    });
  });

  test('DeleteSuppressedDestination is the lead’s: an SDR is refused, the lead is not; an action neither role has is refused', async () => {
    const ana = h.ses({ credentials: await credentialsOf(ANA) });
    await ana.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@example.org', Reason: 'BOUNCE' }));
    await expect(ana.send(new GetAccountCommand({}))).resolves.toBeDefined();
    const denied = await refusal(ana.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'gone@example.org' })));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: expect.objectContaining({ httpStatusCode: 403 }) });
    expect(denied.message).toBe(
      `User: ${SDR_ROLE_USER} is not authorized to perform: ses:DeleteSuppressedDestination because no identity-based policy allows the ses:DeleteSuppressedDestination action`,
    );
    expect(await refusal(ana.send(new CreateEmailIdentityCommand({ EmailIdentity: 'elsewhere.example.org' })))).toMatchObject({
      name: 'AccessDeniedException',
    });

    const lead = h.ses({ credentials: await credentialsOf(LEAD) });
    await expect(lead.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'gone@example.org' }))).resolves.toBeDefined();

    // The lead group decides: out of it, the same person is an SDR.
    await h.control('POST', '/_local/team/members', { email: LEAD, groups: [] });
    const demoted = h.ses({ credentials: await credentialsOf(LEAD) });
    await ana.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@example.org', Reason: 'BOUNCE' }));
    expect(await refusal(demoted.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'gone@example.org' })))).toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  test('the long-term keys are not members: not conditioned', async () => {
    const admin = h.ses({
      credentials: { accessKeyId: 'AKIALOCALAWSEMULATOR', secretAccessKey: 'local-aws-emulator-secret-access-key-0000' },
    });
    await admin.send(new PutSuppressedDestinationCommand({ EmailAddress: 'gone@example.org', Reason: 'BOUNCE' }));
    await expect(admin.send(new DeleteSuppressedDestinationCommand({ EmailAddress: 'gone@example.org' }))).resolves.toBeDefined();
  });
});

describe('SendEmail only inside the team’s sending domain (infra/’s StringLike ses:FromAddress *@<domain>)', () => {
  test('a member whose own address is outside the domain may not send as it, nor as one the lead set outside it', async () => {
    await h.control('POST', '/_local/team', { invited: ['contractor@gmail.com'] });
    const contractor = h.ses({ credentials: await credentialsOf('contractor@gmail.com') });
    const denied = await refusal(contractor.send(new SendEmailCommand(sendAs('contractor@gmail.com'))));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: expect.objectContaining({ httpStatusCode: 403 }) });
    expect(denied.message).toBe(sendRefusal(SDR_ROLE_USER, 'contractor@gmail.com'));

    // The lead set an address outside the domain: the principal tag matches, the domain does not.
    await h.control('POST', '/_local/team/members', { email: ANA, sendingAddress: 'ana@elsewhere.example.org' });
    const ana = h.ses({ credentials: await credentialsOf(ANA) });
    expect((await refusal(ana.send(new SendEmailCommand(sendAs('ana@elsewhere.example.org'))))).message).toBe(
      sendRefusal(SDR_ROLE_USER, 'ana@elsewhere.example.org'),
    );
    // A subdomain is not the domain.
    await h.control('POST', '/_local/team/members', { email: ANA, sendingAddress: 'ana@mail.outbound.example.com' });
    const sub = h.ses({ credentials: await credentialsOf(ANA) });
    expect((await refusal(sub.send(new SendEmailCommand(sendAs('ana@mail.outbound.example.com'))))).message).toBe(
      sendRefusal(SDR_ROLE_USER, 'ana@mail.outbound.example.com'),
    );

    const requests = await h.control<{ outcome: string }[]>('GET', '/_local/requests');
    expect(requests.map((r) => r.outcome)).toEqual(['AccessDeniedException', 'AccessDeniedException', 'AccessDeniedException']);
  });

  test('the lead role is held to the domain too, and its refusals name the lead role', async () => {
    await h.control('POST', '/_local/team/members', { email: LEAD, sendingAddress: 'sdr@elsewhere.example.org' });
    const lead = h.ses({ credentials: await credentialsOf(LEAD) });
    const outside = await refusal(lead.send(new SendEmailCommand(sendAs('sdr@elsewhere.example.org'))));
    expect(outside).toMatchObject({ name: 'AccessDeniedException', $metadata: expect.objectContaining({ httpStatusCode: 403 }) });
    expect(outside.message).toBe(sendRefusal(LEAD_ROLE_USER, 'sdr@elsewhere.example.org'));
    // Another member's address: the same role in the sentence.
    expect((await refusal(lead.send(new SendEmailCommand(sendAs(ANA))))).message).toBe(sendRefusal(LEAD_ROLE_USER, ANA));

    // The lead's own address, once the role's domain is another one (`/_local/policy`).
    await h.control('POST', '/_local/team/members', { email: LEAD, sendingAddress: LEAD });
    await h.control('POST', '/_local/policy', { allowedFromDomain: 'other.example.net' });
    const moved = h.ses({ credentials: await credentialsOf(LEAD) });
    expect((await refusal(moved.send(new SendEmailCommand(sendAs(LEAD))))).message).toBe(sendRefusal(LEAD_ROLE_USER, LEAD));
    await h.control('POST', '/_local/policy', { allowedFromDomain: 'outbound.example.com' });
    await expect(moved.send(new SendEmailCommand(sendAs(LEAD)))).resolves.toMatchObject({ MessageId: expect.any(String) });
  });
});

describe('off-boarding', () => {
  test('disable + global sign-out: the refresh token fails, the ID token gets no credentials, sign-in is refused; others keep working', async () => {
    const ana = await signIn(ANA);
    const lead = await signIn(LEAD);
    expect((await refresh(ana.refresh_token)).status).toBe(200);

    // Refresh tokens outlive a reset, so earlier tests' count too: at least this one.
    const offboarded = await h.control<{ email: string; revokedRefreshTokens: number }>('POST', '/_local/team/offboard', { email: ANA });
    expect(offboarded.email).toBe(ANA);
    expect(offboarded.revokedRefreshTokens).toBeGreaterThanOrEqual(1);

    expect(await refresh(ana.refresh_token)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    // The ID token has not expired, but the identity pool's server-side check refuses it.
    expect(await refusal(credentialsFor(ana.id_token))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. User is disabled.',
    });
    expect((await authorizeAs(ANA)).query.get('error_description')).toBe('User is disabled.');

    expect((await refresh(lead.refresh_token)).status).toBe(200);
    await expect(credentialsFor(lead.id_token)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    await expect(h.control('POST', '/_local/team/offboard', { email: 'nobody@outbound.example.com' })).rejects.toThrow(/404/);
  });

  test('re-enabled, the member signs in again, but tokens from before the sign-out stay refused', async () => {
    const before = await signIn(ANA);
    await h.control('POST', '/_local/team/offboard', { email: ANA });
    await h.control('POST', '/_local/clock', { advance: 2 });
    await h.control('POST', '/_local/team/members', { email: ANA, enabled: true });
    expect(await refusal(credentialsFor(before.id_token))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Token has been revoked.',
    });
    await expect(credentialsOf(ANA)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });
});
