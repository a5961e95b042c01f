// Signature Version 4, verified as AWS verifies it: the canonical request is rebuilt from
// what arrived on the wire (method, raw path, query, the signed headers, the real body)
// and signed again with the secret the emulator issued. Written from the SigV4
// specification with node:crypto alone — not the SDK's signer — so that a signing bug in
// the client cannot be mirrored here.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from './http/errors';
import { awsHostOf } from './http/aws-host';
import type { CredentialRegistry, IssuedCredential } from './credentials';

export interface WireRequest {
  method: string;
  /** Path as received, still percent-encoded, without the query. */
  rawPath: string;
  /** Query string as received, without the `?`. */
  rawQuery: string;
  /** Node's `rawHeaders`: name, value, name, value… */
  rawHeaders: string[];
  body: Buffer;
}

export interface VerifiedCaller {
  credential: IssuedCredential;
  region: string;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  // Non-S3 services encode the (already encoded) path once more.
  return uriEncode(normalized).replace(/%2F/g, '/');
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%20'));
  } catch {
    return part;
  }
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [uriEncode(decodeQueryPart(key)), uriEncode(decodeQueryPart(value))] as const;
    })
    .filter(([key]) => key.toLowerCase() !== 'x-amz-signature');
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

function headerValues(rawHeaders: string[]): Map<string, string> {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!.replace(/[\r\n]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim();
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return new Map([...values].map(([name, list]) => [name, list.join(',')]));
}

interface AuthorizationParts {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string): AuthorizationParts {
  const incomplete = (what: string) =>
    new AwsError(400, 'IncompleteSignatureException', `Authorization header requires '${what}' parameter. Authorization=${header}`);
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new AwsError(400, 'IncompleteSignatureException', 'Only AWS4-HMAC-SHA256 signatures are supported by the local emulator.');
  }
  const fields = new Map<string, string>();
  for (const part of header.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential) throw incomplete('Credential');
  if (!signedHeaders) throw incomplete('SignedHeaders');
  if (!signature) throw incomplete('Signature');
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw new AwsError(400, 'IncompleteSignatureException', `Credential should be scoped to a valid region. Credential=${credential}`);
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * Checks a request's SigV4 signature for `service` (`ses`, `sqs`). Throws the AwsError
 * AWS would answer with: unknown key → UnrecognizedClientException; expired or revoked
 * → ExpiredTokenException; anything else wrong → SignatureDoesNotMatch.
 */
export function verifySigV4(request: WireRequest, service: string, registry: CredentialRegistry): VerifiedCaller {
  const headers = headerValues(request.rawHeaders);
  const authorization = headers.get('authorization');
  if (!authorization) {
    throw new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const auth = parseAuthorization(authorization);

  const credential = registry.find(auth.accessKeyId);
  if (!credential) {
    throw new AwsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (credential.sessionToken !== undefined && headers.get('x-amz-security-token') !== credential.sessionToken) {
    throw new AwsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (registry.isExpired(credential)) {
    throw new AwsError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
  }
  if (auth.service !== service) {
    throw new AwsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'.`);
  }
  // On AWS's host names the scope must name the host's region, as every regional endpoint requires.
  const awsHost = awsHostOf(headers.get('host'));
  if (awsHost && auth.region !== awsHost.region) {
    throw new AwsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${auth.region}'.`);
  }

  const amzDate = headers.get('x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw new AwsError(
      400,
      'IncompleteSignatureException',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (amzDate.slice(0, 8) !== auth.date) {
    throw new AwsError(
      403,
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}'`,
    );
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new AwsError(403, 'SignatureDoesNotMatch', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }

  // The body that arrived is what counts: a declared hash must agree with it.
  const bodyHash = sha256Hex(request.body);
  const declaredHash = headers.get('x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    throw new AwsError(403, 'SignatureDoesNotMatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.rawPath),
    canonicalQuery(request.rawQuery),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    declaredHash ?? bodyHash,
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credential.secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex'), 'utf8');
  const provided = Buffer.from(auth.signature, 'utf8');
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
    throw new AwsError(403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH);
  }
  return { credential, region: auth.region };
}
