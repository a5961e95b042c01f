// The pre sign-up trigger's rule, run as Lambda runs it: the handler with Cognito's
// event shapes and the environment the stack gives it.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { admits, handler, listOf, teamOf } from '../lambda/pre-sign-up/index.mjs';

const TEAM = { domains: ['acme.com', 'outbound.acme.com'], invited: ['contractor@gmail.com'] };

function event(triggerSource: string, email: string | undefined) {
  return {
    version: '1',
    region: 'us-east-1',
    userPoolId: 'us-east-1_Example',
    userName: 'google_1234567890',
    triggerSource,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: { userAttributes: email === undefined ? {} : { email } },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

describe('who may have a user', () => {
  test('the team’s domains, exactly, in any case', () => {
    assert.equal(admits('ana@acme.com', TEAM), true);
    assert.equal(admits(' Ben.Ng@Outbound.ACME.com ', TEAM), true);
    assert.equal(admits('eve@evil.com', TEAM), false);
    assert.equal(admits('eve@sub.acme.com', TEAM), false, 'a subdomain is not the team’s');
    assert.equal(admits('eve@notacme.com', TEAM), false);
    assert.equal(admits('acme.com@evil.com', TEAM), false);
    assert.equal(admits('eve@acme.com.evil.com', TEAM), false);
  });

  test('invited addresses, whatever their domain; no address, nobody', () => {
    assert.equal(admits('Contractor@gmail.com', TEAM), true);
    assert.equal(admits('other@gmail.com', TEAM), false);
    assert.equal(admits('', TEAM), false);
    assert.equal(admits(undefined, TEAM), false);
    assert.equal(admits('@acme.com', TEAM), false);
    assert.equal(admits('ana@', { domains: [''], invited: [] }), false);
  });

  test('the environment’s lists: commas or spaces, lower-cased, a leading @ dropped', () => {
    assert.deepEqual(listOf(' a@B.com, c@d.com  e@f.com,,'), ['a@b.com', 'c@d.com', 'e@f.com']);
    assert.deepEqual(teamOf({ RAMPART_TEAM_DOMAINS: '@Acme.com,outbound.acme.com', RAMPART_INVITED: undefined }), {
      domains: ['acme.com', 'outbound.acme.com'],
      invited: [],
    });
  });
});

describe('the trigger', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('a Google account outside the team is refused at its first sign-in, with a sentence', async () => {
    process.env.RAMPART_TEAM_DOMAINS = 'acme.com';
    process.env.RAMPART_INVITED = 'contractor@gmail.com';
    await assert.rejects(handler(event('PreSignUp_ExternalProvider', 'stranger@gmail.com')), {
      message:
        'stranger@gmail.com is not on this Rampart team. Sign in with your work account, or ask your team lead to invite this address',
    });
    await assert.rejects(handler(event('PreSignUp_ExternalProvider', undefined)), /This account is not on this Rampart team/);
    await assert.rejects(handler(event('PreSignUp_SignUp', 'stranger@evil.com')), /not on this Rampart team/);
  });

  test('a team member or an invited address gets their user, the event handed back as it came', async () => {
    process.env.RAMPART_TEAM_DOMAINS = 'acme.com';
    process.env.RAMPART_INVITED = 'contractor@gmail.com';
    const member = event('PreSignUp_ExternalProvider', 'ana@acme.com');
    assert.deepEqual(await handler(member), event('PreSignUp_ExternalProvider', 'ana@acme.com'));
    assert.ok(await handler(event('PreSignUp_ExternalProvider', 'contractor@gmail.com')));
  });

  test('AdminCreateUser is the lead’s own invitation: admitted', async () => {
    process.env.RAMPART_TEAM_DOMAINS = 'acme.com';
    process.env.RAMPART_INVITED = '';
    assert.ok(await handler(event('PreSignUp_AdminCreateUser', 'someone@elsewhere.org')));
  });

  test('with neither domains nor invitations, nobody gets in', async () => {
    process.env.RAMPART_TEAM_DOMAINS = '';
    process.env.RAMPART_INVITED = '';
    await assert.rejects(handler(event('PreSignUp_ExternalProvider', 'ana@acme.com')), /not on this Rampart team/);
  });
});
