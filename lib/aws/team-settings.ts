import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { RampartError } from './errors';

// The team's settings object (infra/lib/team-settings.ts): one S3 object every member may
// GetObject and only the lead role may PutObject. Two calls do not pay for an S3 client in
// the background's bundle: a fetch signed with the SigV4 signer and hash the SES client
// already ships (docs/architecture.md, "The team's settings").

/** The object's key in the bucket (infra/lib/team-settings.ts TEAM_SETTINGS_KEY). */
export const TEAM_SETTINGS_KEY = 'team-settings.json';

export interface TeamSettingsLocation {
  bucket: string;
  region: string;
  /** The emulator profile's endpoint (path style); AWS's own host otherwise. */
  endpoint?: string;
}

export type TeamSettingsRead = { status: 'absent' } | { status: 'unchanged' } | { status: 'read'; body: string; etag: string | null };

export type Fetch = typeof fetch;

/** Path style on an endpoint override; AWS's virtual-hosted name otherwise (a host permission per region). */
export function teamSettingsUrl(location: TeamSettingsLocation): URL {
  return location.endpoint
    ? new URL(`/${location.bucket}/${TEAM_SETTINGS_KEY}`, location.endpoint)
    : new URL(`https://${location.bucket}.s3.${location.region}.amazonaws.com/${TEAM_SETTINGS_KEY}`);
}

async function signedFetch(
  location: TeamSettingsLocation,
  credentials: AwsCredentialIdentityProvider,
  method: 'GET' | 'PUT',
  headers: Record<string, string>,
  body: string | undefined,
  fetchImpl: Fetch,
): Promise<Response> {
  const url = teamSettingsUrl(location);
  // S3 signs the path as it is sent (no second escaping) and wants the payload's hash.
  const signer = new SignatureV4({ service: 's3', region: location.region, credentials, sha256: Sha256, uriEscapePath: false });
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: {},
    headers: { host: url.host, ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  // The browser sets Host itself.
  const { host: _host, ...sent } = signed.headers;
  try {
    return await fetchImpl(url, { method, headers: sent, ...(body !== undefined ? { body } : {}), cache: 'no-store' });
  } catch {
    throw new RampartError('team-settings-network', 'Rampart could not reach the team’s settings in S3. Check the connection.');
  }
}

/** S3's error code in its XML answer. */
async function s3ErrorCode(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP ${response.status}`;
}

/** Read the object; `unchanged` when it still has `etag`, `absent` before a lead first writes it. */
export async function readTeamSettings(
  location: TeamSettingsLocation,
  credentials: AwsCredentialIdentityProvider,
  etag?: string,
  fetchImpl: Fetch = fetch,
): Promise<TeamSettingsRead> {
  const response = await signedFetch(location, credentials, 'GET', etag ? { 'if-none-match': etag } : {}, undefined, fetchImpl);
  if (response.status === 304) return { status: 'unchanged' };
  if (response.ok) return { status: 'read', body: await response.text(), etag: response.headers.get('etag') };
  const code = await s3ErrorCode(response);
  if (code === 'NoSuchKey') return { status: 'absent' };
  throw new RampartError(
    'team-settings-unreadable',
    `Rampart could not read the team’s settings from S3 (${code}): check the team settings bucket in Rampart’s options.`,
  );
}

/** The sentence a member without the lead role reads when their change is not shared. */
export const NOT_A_LEAD_MESSAGE =
  'Only a lead may change the team’s settings: AWS refused this member’s write (AccessDenied), so the change stays in this browser.';

/** Write the object (the lead role only: AWS refuses anyone else's write). */
export async function writeTeamSettings(
  location: TeamSettingsLocation,
  credentials: AwsCredentialIdentityProvider,
  body: string,
  fetchImpl: Fetch = fetch,
): Promise<{ etag: string | null }> {
  const response = await signedFetch(location, credentials, 'PUT', { 'content-type': 'application/json' }, body, fetchImpl);
  if (response.ok) return { etag: response.headers.get('etag') };
  const code = await s3ErrorCode(response);
  if (code === 'AccessDenied') throw new RampartError('team-settings-not-lead', NOT_A_LEAD_MESSAGE);
  throw new RampartError(
    'team-settings-unwritable',
    `Rampart could not write the team’s settings to S3 (${code}): the change stays in this browser.`,
  );
}
