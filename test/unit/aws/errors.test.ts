import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SESv2ServiceException,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { NotAuthorizedException, ResourceNotFoundException } from '@aws-sdk/client-cognito-identity';
import { describe, expect, it } from 'vitest';
import { NeverSentError } from '@/lib/aws/connection';
import { describeError, explainAwsError, unverifiedAddresses, type CallSite, type Disposition } from '@/lib/aws/errors';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const networkError = (code: string, message: string) => Object.assign(new Error(message), { code, $metadata: {} });

// SDK exception classes instantiated as the SDK's deserializer would: rare errors injected
// by construction, each checked for its code, its disposition and a sentence.
const cases: Array<{ name: string; error: unknown; site?: CallSite; code: string; disposition: Disposition; says: RegExp }> = [
  {
    name: 'sandbox rejection names the unverified addresses',
    error: new MessageRejected({
      message:
        'Email address is not verified. The following identities failed the check in region US-EAST-1: ana@prospect.io, Bo@Other.example',
      ...meta(400),
    }),
    code: 'not-verified',
    disposition: 'refused',
    says: /sandbox.*ana@prospect\.io, Bo@Other\.example/,
  },
  {
    name: 'other rejection carries SES’s reason',
    error: new MessageRejected({ message: 'Illegal address', ...meta(400) }),
    code: 'message-rejected',
    disposition: 'refused',
    says: /Illegal address/,
  },
  {
    name: 'sending rate is retryable',
    error: new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', ...meta(429) }),
    code: 'rate-exceeded',
    disposition: 'retry-later',
    says: /maximum rate/,
  },
  {
    name: 'daily quota stops for the day',
    error: new TooManyRequestsException({ message: 'Daily message quota exceeded.', ...meta(429) }),
    code: 'daily-quota-exceeded',
    disposition: 'stop-for-today',
    says: /daily sending quota/,
  },
  {
    name: 'Cognito’s own throttle is not a sending-rate retry',
    error: new TooManyRequestsException({ message: 'Rate exceeded', ...meta(429) }),
    site: 'credentials',
    code: 'throttled',
    disposition: 'refused',
    says: /slow down/,
  },
  // SendEmail lists LimitExceededException and TooManyRequestsException; ThrottlingException
  // is AWS's common throttle, unmodeled in SES v2 (the SDK raises it as SESv2ServiceException).
  // Which throttle it is, SES says in its message, whatever the exception's name.
  {
    name: 'ThrottlingException saying the sending rate is retryable',
    error: new SESv2ServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'Maximum sending rate exceeded.',
      ...meta(400),
    }),
    code: 'rate-exceeded',
    disposition: 'retry-later',
    says: /maximum rate/,
  },
  {
    name: 'ThrottlingException saying the daily quota stops for the day',
    error: new SESv2ServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'Daily message quota exceeded.',
      ...meta(400),
    }),
    code: 'daily-quota-exceeded',
    disposition: 'stop-for-today',
    says: /daily sending quota/,
  },
  {
    name: 'another ThrottlingException is a refusal, certainly not sent',
    error: new SESv2ServiceException({ name: 'ThrottlingException', $fault: 'client', message: 'Rate exceeded', ...meta(400) }),
    code: 'throttled',
    disposition: 'refused',
    says: /slow down \(Rate exceeded\)\. Nothing was sent/,
  },
  {
    name: 'LimitExceededException saying the sending rate is retryable',
    error: new LimitExceededException({ message: 'Maximum sending rate exceeded.', ...meta(400) }),
    code: 'rate-exceeded',
    disposition: 'retry-later',
    says: /maximum rate/,
  },
  {
    name: 'LimitExceededException saying the daily quota stops for the day',
    error: new LimitExceededException({ message: 'Daily message quota exceeded.', ...meta(400) }),
    code: 'daily-quota-exceeded',
    disposition: 'stop-for-today',
    says: /daily sending quota/,
  },
  {
    name: 'another LimitExceededException is a refusal with AWS’s reason',
    error: new LimitExceededException({ message: 'There are too many instances of the specified resource type.', ...meta(400) }),
    code: 'limit-exceeded',
    disposition: 'refused',
    says: /too many instances of the specified resource type\. Nothing was sent/,
  },
  {
    name: 'sending paused',
    error: new SendingPausedException({ message: 'Sending paused for this account.', ...meta(400) }),
    code: 'sending-paused',
    disposition: 'refused',
    says: /paused/,
  },
  {
    name: 'account suspended',
    error: new AccountSuspendedException({ message: 'Account suspended.', ...meta(400) }),
    code: 'account-suspended',
    disposition: 'refused',
    says: /suspended/,
  },
  {
    name: 'MAIL FROM not verified',
    error: new MailFromDomainNotVerifiedException({ message: 'MAIL FROM domain not verified', ...meta(400) }),
    code: 'mail-from-not-verified',
    disposition: 'refused',
    says: /MAIL FROM/,
  },
  {
    name: 'configuration set not found',
    error: new NotFoundException({ message: 'Configuration set <nope> does not exist.', ...meta(404) }),
    code: 'not-found',
    disposition: 'refused',
    says: /configuration set.*<nope> does not exist/,
  },
  {
    name: 'expired token renews credentials',
    error: new SESv2ServiceException({
      name: 'ExpiredTokenException',
      $fault: 'client',
      message: 'The security token included in the request is expired',
      ...meta(403),
    }),
    code: 'credentials-expired',
    disposition: 'renew-credentials',
    says: /expired/,
  },
  {
    name: 'access denied',
    error: new SESv2ServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      message: 'not authorized to perform ses:SendEmail',
      ...meta(403),
    }),
    code: 'access-denied',
    disposition: 'refused',
    says: /not allowed.*ses:SendEmail/,
  },
  {
    name: 'bad request',
    error: new BadRequestException({ message: 'Invalid tag value', ...meta(400) }),
    code: 'bad-request',
    disposition: 'refused',
    says: /Invalid tag value/,
  },
  {
    name: 'SES internal error: may have been sent (no idempotency token), never resent on its own',
    error: new InternalServiceErrorException({ message: 'Internal failure', ...meta(500) }),
    code: 'aws-internal',
    disposition: 'maybe-sent',
    says: /cannot tell whether the message was sent/,
  },
  {
    name: 'an error after a 200: SES accepted, the answer was lost',
    error: Object.assign(new Error('Unexpected end of JSON input'), { name: 'SyntaxError', $metadata: { httpStatusCode: 200 } }),
    code: 'unknown',
    disposition: 'maybe-sent',
    says: /unexpected/i,
  },
  {
    name: 'identity pool refuses the sign-in (expired or revoked ID token)',
    error: new NotAuthorizedException({ message: 'Invalid login token. Token has been revoked.', ...meta(400) }),
    site: 'credentials',
    code: 'identity-pool-refused',
    disposition: 'refused',
    says: /refused your sign-in .*sign in again/,
  },
  {
    name: 'identity pool not found',
    error: new ResourceNotFoundException({ message: 'IdentityPool not found', ...meta(400) }),
    site: 'credentials',
    code: 'identity-pool-not-found',
    disposition: 'refused',
    says: /does not exist/,
  },
  {
    name: 'connection refused: the request never left',
    error: networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4566'),
    code: 'network',
    disposition: 'refused',
    says: /could not reach Amazon SES\. Nothing was sent/,
  },
  {
    name: 'connection reset after the request left: maybe sent',
    error: networkError('ECONNRESET', 'socket hang up'),
    code: 'network',
    disposition: 'maybe-sent',
    says: /cannot tell whether it was sent/,
  },
  {
    name: 'the browser’s word that this request never connected: not sent',
    error: new NeverSentError('net::ERR_CONNECTION_REFUSED', Object.assign(new TypeError('Failed to fetch'), { $metadata: {} })),
    code: 'network',
    disposition: 'refused',
    says: /could not reach Amazon SES \(net::ERR_CONNECTION_REFUSED\)\. Nothing was sent/,
  },
  {
    name: 'offline at the call: the send never started',
    error: new NeverSentError('offline'),
    code: 'offline',
    disposition: 'refused',
    says: /offline.*Nothing was sent/,
  },
  {
    name: 'fetch failure in the browser: maybe sent',
    error: Object.assign(new TypeError('Failed to fetch'), { $metadata: {} }),
    code: 'network',
    disposition: 'maybe-sent',
    says: /cannot tell/,
  },
  {
    name: 'network failure while getting credentials: nothing sent',
    error: Object.assign(new TypeError('Failed to fetch'), { $metadata: {} }),
    site: 'credentials',
    code: 'network',
    disposition: 'refused',
    says: /credentials\. Nothing was sent/,
  },
  {
    name: 'unknown error with an HTTP answer',
    error: new SESv2ServiceException({ name: 'WeirdException', $fault: 'client', message: 'odd', ...meta(418) }),
    code: 'unknown',
    disposition: 'refused',
    says: /unexpected.*odd/,
  },
];

describe('explainAwsError', () => {
  it.each(cases)('$name', ({ error, site, code, disposition, says }) => {
    const explained = explainAwsError(error, site);
    expect(explained.error.code).toBe(code);
    expect(explained.disposition).toBe(disposition);
    expect(explained.error.message).toMatch(says);
    // A plain sentence: starts with a capital, ends with a full stop.
    expect(explained.error.message).toMatch(/^[A-Z].*\.$/s);
    expect(explained.error.message).not.toMatch(/\.\./);
  });

  it('gives every SES error above a distinct code except the network family and the same throttle under another name', () => {
    const nameOf = (error: unknown) => (error as { name?: string }).name;
    const codes = cases.filter((c) => c.code !== 'network').map((c) => `${c.code}:${c.disposition}:${nameOf(c.error)}`);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('unverifiedAddresses', () => {
  it('reads the list after the region', () => {
    expect(
      unverifiedAddresses(
        'Email address is not verified. The following identities failed the check in region EU-WEST-1: a@x.io, b@y.co.uk',
      ),
    ).toEqual(['a@x.io', 'b@y.co.uk']);
  });
});

describe('describeError', () => {
  it('keeps a non-AWS error’s message in the sentence', () => {
    expect(describeError(new Error('boom'))).toEqual({ code: 'unknown', message: 'Something unexpected went wrong: boom.' });
  });
});
