// Email identities (domains and addresses). Unlike SES, CreateEmailIdentity verifies at
// once: there is no DNS or inbox to prove ownership against on a developer machine.
import { randomBytes } from 'node:crypto';
import type { Emulator } from '../context';
import { alreadyExists, badRequest, notFound } from '../http/errors';
import type { EmailIdentity, State } from '../state';
import { epochSeconds } from '../clock';
import { parseMailbox } from './address';
import { pageOf } from './paging';

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/;

/**
 * The verified identity that lets `address` be used: the address itself, or its domain,
 * or a parent domain (a verified domain covers its subdomains).
 */
export function verifiedIdentityFor(state: State, address: string): EmailIdentity | undefined {
  const candidates = [address];
  let domain = address.slice(address.lastIndexOf('@') + 1);
  while (domain.includes('.')) {
    candidates.push(domain);
    domain = domain.slice(domain.indexOf('.') + 1);
  }
  for (const name of candidates) {
    const identity = state.identities.get(name);
    if (identity && identity.verificationStatus === 'SUCCESS' && identity.sendingEnabled) return identity;
  }
  return undefined;
}

function dkimAttributes(identity: EmailIdentity) {
  return {
    SigningEnabled: identity.dkimStatus !== 'NOT_STARTED',
    Status: identity.dkimStatus,
    Tokens: [...identity.dkimTokens],
    SigningAttributesOrigin: 'AWS_SES',
    NextSigningKeyLength: 'RSA_2048_BIT',
    CurrentSigningKeyLength: 'RSA_2048_BIT',
    LastKeyGenerationTimestamp: epochSeconds(identity.createdAtMs),
  };
}

export function listEmailIdentities(emulator: Emulator, input: Record<string, unknown>): unknown {
  const identities = [...emulator.state.identities.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { items, nextToken } = pageOf(identities, input.PageSize, input.NextToken, (identity) => identity.name);
  return {
    EmailIdentities: items.map((identity) => ({
      IdentityType: identity.type,
      IdentityName: identity.name,
      SendingEnabled: identity.sendingEnabled,
      VerificationStatus: identity.verificationStatus,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function getEmailIdentity(emulator: Emulator, name: string): unknown {
  const identity = emulator.state.identities.get(name.toLowerCase());
  if (!identity) throw notFound(`Email identity ${name} does not exist.`);
  return {
    IdentityType: identity.type,
    FeedbackForwardingStatus: true,
    VerifiedForSendingStatus: identity.verificationStatus === 'SUCCESS',
    DkimAttributes: dkimAttributes(identity),
    MailFromAttributes: identity.mailFromDomain
      ? {
          MailFromDomain: identity.mailFromDomain,
          MailFromDomainStatus: identity.mailFromStatus,
          BehaviorOnMxFailure: identity.behaviorOnMxFailure,
        }
      : { MailFromDomain: '', MailFromDomainStatus: 'FAILED', BehaviorOnMxFailure: identity.behaviorOnMxFailure },
    Policies: {},
    Tags: identity.tags.map((tag) => ({ ...tag })),
    ...(identity.configurationSetName ? { ConfigurationSetName: identity.configurationSetName } : {}),
    VerificationStatus: identity.verificationStatus,
  };
}

export function createEmailIdentity(emulator: Emulator, input: Record<string, unknown>): unknown {
  const requested = input.EmailIdentity;
  if (typeof requested !== 'string' || requested === '') throw badRequest('EmailIdentity is required.');
  const name = requested.toLowerCase();
  const isAddress = name.includes('@');
  if (isAddress ? !parseMailbox(name) || parseMailbox(name)!.text !== name : !DOMAIN.test(name)) {
    throw badRequest(`Invalid email identity: ${requested}`);
  }
  if (emulator.state.identities.has(name)) throw alreadyExists(`Email identity ${requested} already exist.`);
  if (typeof input.ConfigurationSetName === 'string' && !emulator.state.configurationSets.has(input.ConfigurationSetName)) {
    throw notFound(`Configuration set ${input.ConfigurationSetName} does not exist.`);
  }
  const identity: EmailIdentity = {
    name,
    type: isAddress ? 'EMAIL_ADDRESS' : 'DOMAIN',
    verificationStatus: 'SUCCESS',
    sendingEnabled: true,
    dkimStatus: isAddress ? 'NOT_STARTED' : 'SUCCESS',
    dkimTokens: isAddress ? [] : [0, 1, 2].map(() => randomBytes(16).toString('hex')),
    mailFromStatus: 'FAILED',
    behaviorOnMxFailure: 'USE_DEFAULT_VALUE',
    configurationSetName: typeof input.ConfigurationSetName === 'string' ? input.ConfigurationSetName : undefined,
    tags: Array.isArray(input.Tags) ? (input.Tags as { Key: string; Value: string }[]).map(({ Key, Value }) => ({ Key, Value })) : [],
    createdAtMs: emulator.clock.now(),
  };
  emulator.state.identities.set(name, identity);
  return {
    IdentityType: identity.type,
    VerifiedForSendingStatus: true,
    DkimAttributes: dkimAttributes(identity),
  };
}

const STATUSES = ['SUCCESS', 'PENDING', 'FAILED', 'TEMPORARY_FAILURE', 'NOT_STARTED'];

/**
 * `POST /_local/identities`: adds or changes an identity's verification, DKIM and MAIL
 * FROM, so a test can show a From domain whose authentication is failing.
 */
export function patchIdentity(emulator: Emulator, patch: Record<string, unknown>): unknown {
  const name = typeof patch.identity === 'string' ? patch.identity.toLowerCase() : '';
  if (!name) throw badRequest('identity is required.');
  let identity = emulator.state.identities.get(name);
  if (!identity) {
    createEmailIdentity(emulator, { EmailIdentity: name });
    identity = emulator.state.identities.get(name)!;
  }
  const status = (field: string) => {
    const value = patch[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !STATUSES.includes(value)) throw badRequest(`${field} must be one of ${STATUSES.join(', ')}.`);
    return value as EmailIdentity['dkimStatus'];
  };
  identity.verificationStatus = (status('verificationStatus') as EmailIdentity['verificationStatus']) ?? identity.verificationStatus;
  identity.dkimStatus = status('dkimStatus') ?? identity.dkimStatus;
  if (patch.mailFromDomain === null) identity.mailFromDomain = undefined;
  else if (typeof patch.mailFromDomain === 'string') identity.mailFromDomain = patch.mailFromDomain;
  identity.mailFromStatus = (status('mailFromStatus') as EmailIdentity['mailFromStatus']) ?? identity.mailFromStatus;
  if (patch.behaviorOnMxFailure === 'USE_DEFAULT_VALUE' || patch.behaviorOnMxFailure === 'REJECT_MESSAGE') {
    identity.behaviorOnMxFailure = patch.behaviorOnMxFailure;
  }
  if (typeof patch.sendingEnabled === 'boolean') identity.sendingEnabled = patch.sendingEnabled;
  return getEmailIdentity(emulator, name);
}
