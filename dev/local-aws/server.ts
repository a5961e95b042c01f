// The local AWS emulator: one HTTP endpoint for SES v2, Cognito Identity, SQS and the
// control routes (CONTRACT.md, "The local AWS emulator"). State lives in memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorClock } from './clock';
import type { Emulator } from './context';
import { CredentialRegistry } from './credentials';
import { Faults } from './faults';
import { AwsError, asAwsError, jsonRpcError, restJsonError } from './http/errors';
import { BodyTooLarge, parseJsonObject, readBody } from './http/body';
import { corsHeaders, sendJson } from './http/reply';
import { MailViewer } from './mail-viewer';
import { IdentityStore } from './cognito/identities';
import { cognitoOperations } from './cognito/handler';
import { QueueStore } from './sqs/queues';
import { SQS_NAMESPACE, handleSqs } from './sqs/handler';
import { handleSes } from './ses/routes';
import { handleControl } from './control/routes';
import { verifySigV4, type WireRequest } from './sigv4';
import { startState } from './state';
import { AuthState } from './auth/state';
import { HOSTED_UI_PREFIX, handleHostedUi } from './auth/hosted-ui';
import { refuseGuest } from './auth/role-policy';
import { LOCAL_ACCOUNT_ID } from './state';

export interface LocalAws {
  url: string;
  port: number;
  sesLocalUrl?: string;
  close(): Promise<void>;
}

export interface LocalAwsOptions {
  /** 0 picks a free port. Default 4566. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Start aws-ses-v2-local on port + 1 and hand it delivered mail. Default false. */
  mailViewer?: boolean;
}

const COGNITO_TARGET = 'AWSCognitoIdentityService.';
const SQS_TARGET = 'AmazonSQS.';

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, rawQuery: '' } : { rawPath: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

async function handleJsonRpc(emulator: Emulator, wire: WireRequest, target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (target.startsWith(COGNITO_TARGET)) {
    const contentType = 'application/x-amz-json-1.1';
    try {
      const operation = cognitoOperations[target.slice(COGNITO_TARGET.length)];
      if (!operation) throw new AwsError(400, 'UnknownOperationException', `Unknown operation ${target}.`);
      sendJson(req, res, 200, operation(emulator, parseJsonObject(wire.body)), {}, contentType);
    } catch (thrown) {
      const reply = jsonRpcError(asAwsError(thrown));
      sendJson(req, res, reply.status, reply.body, reply.headers, contentType);
    }
    return;
  }
  const contentType = 'application/x-amz-json-1.0';
  try {
    const caller = verifySigV4(wire, 'sqs', emulator.credentials);
    refuseGuest(emulator, caller.credential, `sqs:${target.slice(SQS_TARGET.length)}`, `arn:aws:sqs:${emulator.region}:${LOCAL_ACCOUNT_ID}:*`);
    let hungUp = false;
    res.once('close', () => (hungUp = true));
    const result = await handleSqs(emulator, target.slice(SQS_TARGET.length), parseJsonObject(wire.body), () => hungUp);
    sendJson(req, res, 200, result, {}, contentType);
  } catch (thrown) {
    const error = asAwsError(thrown);
    // Authentication errors come from AWS's front door, not from SQS: plain names.
    const namespaced = error.queryError !== undefined || error.code === 'SerializationException' ? SQS_NAMESPACE : undefined;
    const reply = jsonRpcError(error, namespaced);
    sendJson(req, res, reply.status, reply.body, reply.headers, contentType);
  }
}

async function handle(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    res.writeHead(204, corsHeaders(req));
    res.end();
    return;
  }
  const { rawPath, rawQuery } = splitUrl(req.url ?? '/');
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (thrown) {
    if (!(thrown instanceof BodyTooLarge)) {
      // The client went away mid-body: nobody to answer.
      req.destroy();
      return;
    }
    const reply = restJsonError(thrown);
    // Say no at once and drop the connection rather than read megabytes nobody wants.
    res.once('finish', () => req.destroy());
    sendJson(req, res, reply.status, reply.body, { ...reply.headers, Connection: 'close' });
    return;
  }
  const wire: WireRequest = { method, rawPath, rawQuery, rawHeaders: req.rawHeaders, body };

  if (rawPath === '/_local' || rawPath.startsWith('/_local/')) {
    try {
      sendJson(req, res, 200, await handleControl(emulator, method, rawPath, body));
    } catch (thrown) {
      const error = asAwsError(thrown);
      const reply = restJsonError(error);
      sendJson(req, res, reply.status, { error: error.code, ...reply.body }, reply.headers);
    }
    return;
  }

  if (rawPath.startsWith('/v2/email/') || rawPath === '/v2/email') {
    const reply = handleSes(emulator, wire);
    const answer = () => sendJson(req, res, reply.status, reply.body, reply.headers);
    if (reply.held) emulator.faults.hold(answer);
    else answer();
    return;
  }

  if (rawPath.startsWith(HOSTED_UI_PREFIX)) {
    handleHostedUi(emulator, method, rawPath, rawQuery, body, req, res);
    return;
  }

  const target = req.headers['x-amz-target'];
  if (method === 'POST' && typeof target === 'string' && (target.startsWith(COGNITO_TARGET) || target.startsWith(SQS_TARGET))) {
    await handleJsonRpc(emulator, wire, target, req, res);
    return;
  }

  const reply = restJsonError(new AwsError(404, 'UnknownOperationException', `The local AWS emulator has no operation at ${method} ${rawPath}${typeof target === 'string' ? ` (X-Amz-Target: ${target})` : ''}.`));
  sendJson(req, res, reply.status, reply.body, reply.headers);
}

export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const host = options.host ?? '127.0.0.1';
  const clock = new EmulatorClock();
  let baseUrl = '';
  const emulator: Emulator = {
    clock,
    credentials: new CredentialRegistry(clock),
    cognitoIdentities: new IdentityStore(),
    auth: new AuthState(clock),
    queues: new QueueStore(clock, () => baseUrl),
    faults: new Faults(),
    mailViewer: undefined,
    state: startState(clock.now()),
    region: 'us-east-1',
  };

  const server = createServer((req, res) => {
    handle(emulator, req, res).catch((thrown: unknown) => {
      const reply = restJsonError(asAwsError(thrown));
      sendJson(req, res, reply.status, reply.body, reply.headers);
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;

  if (options.mailViewer) {
    try {
      emulator.mailViewer = await MailViewer.start(host, port + 1);
    } catch (error) {
      console.error(`local-aws: the mail viewer (aws-ses-v2-local) did not start; serving without it.`, error);
    }
  }

  return {
    url: baseUrl,
    port,
    sesLocalUrl: emulator.mailViewer?.url,
    async close() {
      emulator.faults.release();
      emulator.queues.releaseWaiters();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await emulator.mailViewer?.stop();
    },
  };
}
