import type { UserError } from '@/lib/core/errors';
import { NeverSentError } from './connection';

// Every AWS error a user can meet, as a stable code and a plain sentence, plus what the
// send path must do about it. SES's errors are told apart by name (the SDK's exception
// class, from the `x-amzn-ErrorType` header), and throttles by SES's message: the
// sending rate and the daily quota may come as TooManyRequestsException, as
// LimitExceededException (both listed for SendEmail in the SES v2 API reference) or as
// AWS's common ThrottlingException, and only the text says which one it is.

/**
 * What a failed call means for the send:
 * - `retry-later`: certainly not sent, and trying again soon may work (sending rate);
 * - `renew-credentials`: certainly not sent; new Cognito credentials may fix it;
 * - `stop-for-today`: certainly not sent, and will not be today (daily quota);
 * - `refused`: certainly not sent; trying again will not help;
 * - `maybe-sent`: the request may have reached SES: never re-sent silently.
 */
export type Disposition = 'retry-later' | 'renew-credentials' | 'stop-for-today' | 'refused' | 'maybe-sent';

export interface AwsFailure {
  error: UserError;
  disposition: Disposition;
}

/** Where the call was going: credentials are fetched before anything is sent to SES. */
export type CallSite = 'ses' | 'credentials';

const RATE_EXCEEDED = /maximum sending rate exceeded/i;
const DAILY_QUOTA_EXCEEDED = /daily message quota exceeded/i;
const NOT_VERIFIED = /email address is not verified/i;
const ADDRESS = /[^\s,:;<>"]+@[^\s,:;<>"]+\.[^\s,:;<>".]+/g;

// Failures of the connection itself, in Node (error codes) and in the browser (fetch's
// TypeError). A refused connection or an unknown host never carried the request.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET']);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function fieldsOf(error: unknown): { name: string; message: string; code: string; status?: number } {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const cause = (typeof e.cause === 'object' && e.cause !== null ? e.cause : {}) as ErrorLike;
  return {
    name: typeof e.name === 'string' ? e.name : '',
    message: typeof e.message === 'string' ? e.message : typeof error === 'string' ? error : '',
    code: typeof e.code === 'string' ? e.code : typeof cause.code === 'string' ? cause.code : '',
    status: e.$metadata?.httpStatusCode,
  };
}

/** SES's own wording, to quote inside a sentence of ours (without its final stop). */
function quoted(message: string, fallback: string): string {
  return (message || fallback).trim().replace(/\.+$/, '');
}

function failure(code: string, message: string, disposition: Disposition): AwsFailure {
  return { error: { code, message }, disposition };
}

/** The addresses SES names in a "not verified" rejection (the region's list after the colon). */
export function unverifiedAddresses(sesMessage: string): string[] {
  const list = sesMessage.includes(':') ? sesMessage.slice(sesMessage.indexOf(':') + 1) : sesMessage;
  return [...new Set(list.match(ADDRESS) ?? [])];
}

function isNetworkFailure(name: string, message: string, code: string, status: number | undefined): boolean {
  // An error answer came back: not a network failure. A 2xx with an error is SES's
  // acceptance whose body was lost on the way (the SDK stamps the status it saw).
  if (status !== undefined && status >= 300) return false;
  return (
    NEVER_CONNECTED.has(code) ||
    CONNECTION_LOST.has(code) ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (name === 'TypeError' && /fetch|network|load failed/i.test(message)) ||
    /socket hang up|network ?error/i.test(message)
  );
}

export function explainAwsError(error: unknown, site: CallSite = 'ses'): AwsFailure {
  // Already worded by Rampart (an expired sign-in while getting credentials): nothing left.
  if (error instanceof RampartError) return failure(error.code, error.message, 'refused');
  const { name, message, code, status } = fieldsOf(error);
  const ses = site === 'ses';

  // Proof about this very request that it never reached AWS (lib/aws/connection.ts).
  if (error instanceof NeverSentError || name === 'NeverSentError') {
    const proof = (error as { neverSent?: unknown }).neverSent;
    if (proof === 'offline') {
      return failure(
        'offline',
        'The browser is offline, so Rampart did not send. Nothing was sent; send it again when the connection is back.',
        'refused',
      );
    }
    return failure(
      'network',
      `Rampart could not reach ${ses ? 'Amazon SES' : 'AWS'} (${String(proof)}). Nothing was sent; check the connection and try again.`,
      'refused',
    );
  }

  if (isNetworkFailure(name, message, code, status)) {
    if (!ses) {
      return failure(
        'network',
        'Rampart could not reach AWS to get its credentials. Nothing was sent; check the connection and try again.',
        'refused',
      );
    }
    if (NEVER_CONNECTED.has(code)) {
      return failure('network', 'Rampart could not reach Amazon SES. Nothing was sent; check the connection and try again.', 'refused');
    }
    return failure(
      'network',
      'The connection to Amazon SES failed after the message left, so Rampart cannot tell whether it was sent. Check the recipient’s inbox or the SES console before sending again.',
      'maybe-sent',
    );
  }

  switch (name) {
    case 'MessageRejected':
      if (NOT_VERIFIED.test(message)) {
        const addresses = unverifiedAddresses(message);
        const named = addresses.length ? `: ${addresses.join(', ')}` : '';
        return failure(
          'not-verified',
          `SES refused the message because the account is in the sandbox and these addresses are not verified identities${named}.`,
          'refused',
        );
      }
      return failure('message-rejected', `SES refused the message: ${quoted(message, 'no reason given')}.`, 'refused');
    case 'TooManyRequestsException':
    case 'ThrottlingException':
    case 'Throttling':
      return (
        sendingLimit(message, ses) ??
        failure(
          'throttled',
          `AWS asked Rampart to slow down (${quoted(message, 'too many requests')}). Nothing was sent; try again in a moment.`,
          'refused',
        )
      );
    case 'LimitExceededException':
      return (
        sendingLimit(message, ses) ??
        failure('limit-exceeded', `An AWS limit was reached: ${quoted(message, 'limit exceeded')}. Nothing was sent.`, 'refused')
      );
    case 'SendingPausedException':
      return failure(
        'sending-paused',
        'Sending is paused for this SES account or its configuration set. Nothing was sent; the team lead can resume it in SES.',
        'refused',
      );
    case 'AccountSuspendedException':
      return failure(
        'account-suspended',
        'AWS has suspended sending for this SES account. Nothing was sent; the team lead must contact AWS.',
        'refused',
      );
    case 'MailFromDomainNotVerifiedException':
      return failure(
        'mail-from-not-verified',
        'The From domain’s custom MAIL FROM domain is not verified in SES. Nothing was sent; the team lead must fix its DNS records.',
        'refused',
      );
    case 'NotFoundException':
      return failure(
        'not-found',
        `SES could not find a resource it needs (the configuration set or contact list in Rampart’s settings): ${quoted(message, 'not found')}. Nothing was sent.`,
        'refused',
      );
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'RequestExpired':
      return failure('credentials-expired', 'Rampart’s AWS credentials expired. Nothing was sent; try again.', 'renew-credentials');
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return failure(
        'credentials-invalid',
        'AWS did not accept Rampart’s credentials. Nothing was sent; check the identity pool in the settings.',
        'renew-credentials',
      );
    case 'AccessDenied':
    case 'AccessDeniedException':
      return failure(
        'access-denied',
        `The identity pool’s role is not allowed to do this in SES (${quoted(message, 'access denied')}). Nothing was sent; the team lead must grant it.`,
        'refused',
      );
    case 'BadRequestException':
      return failure(
        'bad-request',
        `SES refused the request as malformed: ${quoted(message, 'bad request')}. Nothing was sent.`,
        'refused',
      );
    case 'InvalidNextTokenException':
      return failure(
        'invalid-next-token',
        `SES no longer honours the page token of an earlier read (${quoted(message, 'invalid token')}); the next sync starts from the first page.`,
        'refused',
      );
    // Cognito Identity, while getting credentials.
    case 'NotAuthorizedException':
      return failure(
        'identity-pool-refused',
        'The Cognito identity pool refused your sign-in (it expired, or your access was revoked). Nothing was sent; sign in again in Rampart’s options, or ask your team lead.',
        'refused',
      );
    case 'ResourceNotFoundException':
      return failure(
        'identity-pool-not-found',
        'The Cognito identity pool in Rampart’s settings does not exist in this region. Nothing was sent.',
        'refused',
      );
    case 'InvalidIdentityPoolConfigurationException':
      return failure(
        'identity-pool-misconfigured',
        'The Cognito identity pool has no usable role for signed-in members. Nothing was sent; the team lead must check its role mapping.',
        'refused',
      );
    case 'CredentialsProviderError':
      return failure(
        'credentials-unavailable',
        `Rampart could not get AWS credentials: ${quoted(message, 'no credentials')}. Nothing was sent.`,
        'refused',
      );
  }

  if (
    name === 'InternalServiceErrorException' ||
    name === 'InternalFailure' ||
    name === 'InternalErrorException' ||
    (status !== undefined && status >= 500)
  ) {
    // SendEmail has no idempotency token, and a 5xx (SES's own, or a proxy's after it
    // forwarded the request) does not prove the message was not sent.
    if (ses) {
      return failure(
        'aws-internal',
        'Amazon SES (or the way to it) had an internal error, so Rampart cannot tell whether the message was sent. Check the recipient’s inbox or the SES console before sending again.',
        'maybe-sent',
      );
    }
    return failure(
      'aws-internal',
      'AWS had an internal error while Rampart got its credentials. Nothing was sent; try again in a moment.',
      'refused',
    );
  }
  const mayHaveSent = ses && (status === undefined || status < 300);
  return failure(
    'unknown',
    `Something unexpected went wrong${message ? `: ${quoted(message, '')}` : ''}.`,
    mayHaveSent ? 'maybe-sent' : 'refused',
  );
}

/** SES's two sending limits, told by its message whatever the exception's name. */
function sendingLimit(message: string, ses: boolean): AwsFailure | undefined {
  if (DAILY_QUOTA_EXCEEDED.test(message)) {
    return failure(
      'daily-quota-exceeded',
      'The SES account has used its daily sending quota. Nothing was sent; sending resumes as the rolling 24 hours frees quota.',
      'stop-for-today',
    );
  }
  if (ses && RATE_EXCEEDED.test(message)) {
    return failure(
      'rate-exceeded',
      'SES is sending at its maximum rate right now. Nothing was sent; try again in a moment.',
      'retry-later',
    );
  }
  return undefined;
}

/** The sentence for any error a handler throws (the router's describeError). */
export function describeError(error: unknown): UserError {
  if (isUserError(error)) return { code: error.code, message: error.message };
  return explainAwsError(error).error;
}

function isUserError(error: unknown): error is UserError & Error {
  return error instanceof RampartError;
}

/** An error Rampart raises itself, already worded for the user. */
export class RampartError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RampartError';
  }
}
