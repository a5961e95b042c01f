// The local AWS emulator: one HTTP endpoint for SES v2, Cognito Identity, SQS and the
// control routes (docs/test-surface.md, "The local AWS emulator"). State lives in memory.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { EmulatorClock } from './clock';
import type { Emulator } from './context';
import { CredentialRegistry } from './credentials';
import { Faults } from './faults';
import { AwsError, asAwsError, jsonRpcError, restJsonError } from './http/errors';
import { BodyTooLarge, parseJsonObject, readBody } from './http/body';
import { corsHeaders, sendJson, sendRaw } from './http/reply';
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
import { awsHostOf, type AwsHost } from './http/aws-host';
import { authorizeSqsCall } from './auth/access';
import { handleTeamSettings, isTeamSettingsPath } from './s3/team-settings';
import { DOH_PATHS, handleDoh } from './dns/doh';
import { refuseGuest } from './auth/guest';
import { LOCAL_ACCOUNT_ID } from './state';

export interface LocalAws {
  url: string;
  port: number;
  /** With `tls`: the HTTPS port, where AWS's host names are answered (see http/aws-host.ts). */
  tlsPort?: number;
  /** The region the emulator stands for. */
  region: string;
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
  /**
   * The region the emulator stands for: its identity pool (`<region>:0000…`), user pool
   * (`<region>_RampartLo`) and SES's messages. Default us-east-1.
   */
  region?: string;
  /**
   * Serve HTTPS too, with this certificate (PEM), on `tls.port` (0, the default, picks a
   * free one). Nothing is kept: the caller makes the certificate and its key.
   */
  tls?: { cert: string | Buffer; key: string | Buffer; port?: number };
}

const COGNITO_TARGET = 'AWSCognitoIdentityService.';
const SQS_TARGET = 'AmazonSQS.';

function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, rawQuery: '' } : { rawPath: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

/** On a regional Cognito host, an identity pool or identity of another region does not exist there. */
function checkCognitoRegion(awsHost: AwsHost | undefined, input: Record<string, unknown>): void {
  if (!awsHost) return;
  for (const [field, kind] of [
    ['IdentityPoolId', 'IdentityPool'],
    ['IdentityId', 'Identity'],
  ] as const) {
    const id = input[field];
    if (typeof id === 'string' && id.split(':')[0] !== awsHost.region)
      throw new AwsError(400, 'ResourceNotFoundException', `${kind} '${id}' not found.`);
  }
}

async function handleJsonRpc(
  emulator: Emulator,
  wire: WireRequest,
  target: string,
  req: IncomingMessage,
  res: ServerResponse,
  awsHost: AwsHost | undefined,
): Promise<void> {
  if (target.startsWith(COGNITO_TARGET)) {
    const contentType = 'application/x-amz-json-1.1';
    try {
      const operation = cognitoOperations[target.slice(COGNITO_TARGET.length)];
      if (!operation) throw new AwsError(400, 'UnknownOperationException', `Unknown operation ${target}.`);
      const input = parseJsonObject(wire.body);
      checkCognitoRegion(awsHost, input);
      sendJson(req, res, 200, operation(emulator, input), {}, contentType);
    } catch (thrown) {
      const reply = jsonRpcError(asAwsError(thrown));
      sendJson(req, res, reply.status, reply.body, reply.headers, contentType);
    }
    return;
  }
  const contentType = 'application/x-amz-json-1.0';
  try {
    const caller = verifySigV4(wire, 'sqs', emulator.credentials);
    refuseGuest(
      emulator,
      caller.credential,
      `sqs:${target.slice(SQS_TARGET.length)}`,
      `arn:aws:sqs:${emulator.region}:${LOCAL_ACCOUNT_ID}:*`,
    );
    const operation = target.slice(SQS_TARGET.length);
    const input = parseJsonObject(wire.body);
    authorizeSqsCall(emulator, caller.credential, operation, input);
    let hungUp = false;
    res.once('close', () => (hungUp = true));
    // A queue's URL names the host it was asked of: the SDK sends later calls to that host.
    const queueUrlBase = awsHost ? `https://${awsHost.host}` : undefined;
    const result = await handleSqs(emulator, operation, input, () => hungUp, queueUrlBase);
    sendJson(req, res, 200, result, {}, contentType);
  } catch (thrown) {
    const error = asAwsError(thrown);
    // Authentication errors come from AWS's front door, not from SQS: plain names.
    const namespaced = error.queryError !== undefined || error.code === 'SerializationException' ? SQS_NAMESPACE : undefined;
    const reply = jsonRpcError(error, namespaced);
    sendJson(req, res, reply.status, reply.body, reply.headers, contentType);
  }
}

/** Whether an AWS host name serves this request (each host serves its own service only, and no control route). */
function servedOn(awsHost: AwsHost, emulator: Emulator, rawPath: string, target: unknown): boolean {
  switch (awsHost.service) {
    case 'ses':
      return rawPath === '/v2/email' || rawPath.startsWith('/v2/email/');
    case 'cognito-identity':
      return typeof target === 'string' && target.startsWith(COGNITO_TARGET);
    case 'sqs':
      return typeof target === 'string' && target.startsWith(SQS_TARGET);
    case 'hosted-ui':
      return rawPath.startsWith(HOSTED_UI_PREFIX) && awsHost.region === emulator.auth.userPool.region;
  }
}

async function handle(emulator: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const { rawPath, rawQuery } = splitUrl(req.url ?? '/');
  const awsHost = awsHostOf(req.headers.host);
  if (awsHost && (method === 'OPTIONS' || !servedOn(awsHost, emulator, rawPath, req.headers['x-amz-target']))) {
    // AWS answers no preflight with CORS, and nothing of another service on this host.
    const reply = restJsonError(
      new AwsError(404, 'UnknownOperationException', `${awsHost.host} has no operation at ${method} ${rawPath}.`),
    );
    sendJson(req, res, reply.status, reply.body, reply.headers);
    return;
  }
  if (method === 'OPTIONS') {
    res.writeHead(204, corsHeaders(req));
    res.end();
    return;
  }
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
    const answer = () =>
      reply.raw === undefined ? sendJson(req, res, reply.status, reply.body, reply.headers) : sendRaw(req, res, reply.status, reply.raw);
    if (reply.held) emulator.faults.hold(answer);
    else answer();
    return;
  }

  if (isTeamSettingsPath(rawPath)) {
    handleTeamSettings(emulator, wire, req, res);
    return;
  }

  if (DOH_PATHS.includes(rawPath)) {
    handleDoh(emulator, method, rawQuery, req, res);
    return;
  }

  if (rawPath.startsWith(HOSTED_UI_PREFIX)) {
    handleHostedUi(emulator, method, rawPath, rawQuery, body, req, res);
    return;
  }

  const target = req.headers['x-amz-target'];
  if (method === 'POST' && typeof target === 'string' && (target.startsWith(COGNITO_TARGET) || target.startsWith(SQS_TARGET))) {
    await handleJsonRpc(emulator, wire, target, req, res, awsHost);
    return;
  }

  const reply = restJsonError(
    new AwsError(
      404,
      'UnknownOperationException',
      `The local AWS emulator has no operation at ${method} ${rawPath}${typeof target === 'string' ? ` (X-Amz-Target: ${target})` : ''}.`,
    ),
  );
  sendJson(req, res, reply.status, reply.body, reply.headers);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Whether nothing listens on `port` right now (a moment's check: the viewer binds it next). */
function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const clock = new EmulatorClock();
  let baseUrl = '';
  const emulator: Emulator = {
    clock,
    credentials: new CredentialRegistry(clock),
    cognitoIdentities: new IdentityStore(),
    auth: new AuthState(clock, region),
    queues: new QueueStore(clock, () => baseUrl),
    faults: new Faults(),
    mailViewer: undefined,
    state: startState(clock.now(), region),
    region,
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(emulator, req, res).catch((thrown: unknown) => {
      const reply = restJsonError(asAwsError(thrown));
      sendJson(req, res, reply.status, reply.body, reply.headers);
    });
  };
  const server = createServer(serve);
  let port = await listen(server, options.port ?? 4566, host);
  // The mail viewer takes the next port. A port picked by the system (0) may have a busy
  // neighbour (another emulator's, in parallel tests): pick again until the next is free.
  if (options.mailViewer && options.port === 0) {
    for (let tries = 0; tries < 20 && !(await portIsFree(host, port + 1)); tries++) {
      await close(server);
      port = await listen(server, 0, host);
    }
  }
  const tlsServer = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, serve) : undefined;
  const tlsPort = tlsServer ? await listen(tlsServer, options.tls?.port ?? 0, host) : undefined;
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
    ...(tlsPort !== undefined ? { tlsPort } : {}),
    region,
    sesLocalUrl: emulator.mailViewer?.url,
    async close() {
      emulator.faults.release();
      emulator.queues.releaseWaiters();
      await Promise.all([close(server), ...(tlsServer ? [close(tlsServer)] : [])]);
      await emulator.mailViewer?.stop();
    },
  };
}
