// The team's settings object, as infra/ deploys it: one S3 object (path style,
// `/<bucket>/<key>`) that every signed-in member may GetObject and only the lead role may
// PutObject. Requests are SigV4-signed for service `s3`; answers and errors are S3's
// (XML errors, ETag, conditional GET).
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../context';
import { AwsError, asAwsError } from '../http/errors';
import { corsHeaders } from '../http/reply';
import { verifySigV4, type WireRequest } from '../sigv4';
import { LEAD_ROLE } from '../auth/team';
import type { StoredObject } from './stored-object';

export const TEAM_SETTINGS_BUCKET = 'rampart-team-settings';
export const TEAM_SETTINGS_KEY = 'team-settings.json';
const OBJECT_PATH = `/${TEAM_SETTINGS_BUCKET}/${TEAM_SETTINGS_KEY}`;
const OBJECT_ARN = `arn:aws:s3:::${TEAM_SETTINGS_BUCKET}/${TEAM_SETTINGS_KEY}`;
/** Plenty for a plan, shares and a pause; S3 itself would take 5 GB. */
const MAX_BYTES = 256 * 1024;

export const isTeamSettingsPath = (rawPath: string) =>
  rawPath === `/${TEAM_SETTINGS_BUCKET}` || rawPath.startsWith(`/${TEAM_SETTINGS_BUCKET}/`);

const xmlEscape = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sendError(req: IncomingMessage, res: ServerResponse, error: AwsError, extra = ''): void {
  res.writeHead(error.status, { ...corsHeaders(req), 'Content-Type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message>${extra}<RequestId>${randomUUID()}</RequestId></Error>`,
  );
}

function accessDenied(role: string | null, action: string): AwsError {
  const user = role ? `arn:aws:sts::000000000000:assumed-role/${role}/CognitoIdentityCredentials` : 'anonymous';
  return new AwsError(
    403,
    'AccessDenied',
    `User: ${user} is not authorized to perform: ${action} on resource: "${OBJECT_ARN}" because no identity-based policy allows the ${action} action`,
  );
}

/** Serves GetObject and PutObject on the team's settings object. */
export function handleTeamSettings(emulator: Emulator, wire: WireRequest, req: IncomingMessage, res: ServerResponse): void {
  try {
    const caller = verifySigV4(wire, 's3', emulator.credentials);
    const action = wire.method === 'GET' || wire.method === 'HEAD' ? 's3:GetObject' : wire.method === 'PUT' ? 's3:PutObject' : undefined;
    if (!action) throw new AwsError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    // The long-term keys are the account's administrator; a session is a member's role
    // (a guest's has no right here: infra/ deploys no unauthenticated role).
    if (caller.credential.sessionToken !== undefined) {
      const login = emulator.auth.principals.get(caller.credential.accessKeyId);
      if (!login || wire.rawPath !== OBJECT_PATH) throw accessDenied(login?.role ?? null, action);
      if (action === 's3:PutObject' && login.role !== LEAD_ROLE) throw accessDenied(login.role, action);
    }
    if (wire.rawPath !== OBJECT_PATH) throw new AwsError(404, 'NoSuchKey', 'The specified key does not exist.');
    const team = emulator.auth.team;
    if (action === 's3:PutObject') {
      if (wire.body.length > MAX_BYTES) throw new AwsError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
      const stored: StoredObject = {
        body: Buffer.from(wire.body),
        etag: `"${createHash('md5').update(wire.body).digest('hex')}"`,
        contentType: req.headers['content-type'] ?? 'binary/octet-stream',
        lastModifiedMs: emulator.clock.now(),
      };
      team.settings = stored;
      res.writeHead(200, { ...corsHeaders(req), ETag: stored.etag, 'Access-Control-Expose-Headers': 'ETag, x-amzn-RequestId, Date' });
      res.end();
      return;
    }
    const stored = team.settings;
    if (!stored)
      return sendError(req, res, new AwsError(404, 'NoSuchKey', 'The specified key does not exist.'), `<Key>${TEAM_SETTINGS_KEY}</Key>`);
    const headers = {
      ...corsHeaders(req),
      ETag: stored.etag,
      'Last-Modified': new Date(stored.lastModifiedMs).toUTCString(),
      'Access-Control-Expose-Headers': 'ETag, Last-Modified, x-amzn-RequestId, Date',
    };
    if (req.headers['if-none-match'] === stored.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': stored.contentType, 'Content-Length': String(stored.body.length) });
    res.end(wire.method === 'HEAD' ? undefined : stored.body);
  } catch (thrown) {
    sendError(req, res, asAwsError(thrown));
  }
}
