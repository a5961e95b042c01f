import { request as httpsRequest, Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import { STATIC_ACCESS_KEY_ID, STATIC_SECRET_ACCESS_KEY } from '../../dev/local-aws/credentials';
import { makeTestCertificate, type TestCertificate } from '../support/tls-certificate';

// The emulator on AWS's own host names, over TLS, as a browser whose resolver sends them
// to it sees it: no CORS headers (AWS sends none), each host serves its own service,
// and SigV4's scope and the identity pool must name the host's region. The SDK clients
// resolve every name to 127.0.0.1 and trust the run's certificate; nothing else differs.

const REGION = 'eu-west-1';
const HOSTS = {
  ses: `email.${REGION}.amazonaws.com`,
  cognito: `cognito-identity.${REGION}.amazonaws.com`,
  sqs: `sqs.${REGION}.amazonaws.com`,
};
const HOSTED_UI = `rampart-test.auth.${REGION}.amazoncognito.com`;
const LONG_TERM = { accessKeyId: STATIC_ACCESS_KEY_ID, secretAccessKey: STATIC_SECRET_ACCESS_KEY };

let aws: LocalAws;
let certificate: TestCertificate;
let agent: Agent;
const clients: { destroy(): void }[] = [];

// Every name is 127.0.0.1, as Chromium's --host-resolver-rules makes it.
const toLoopback = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

/** AWS's host name on the emulator's TLS port. */
const endpointOf = (host: string) => `https://${host}:${aws.tlsPort}`;

/** The SDK's raw answer headers, seen by a middleware after the HTTP round trip. */
function recordHeaders<C extends { middlewareStack: { add: (...args: never[]) => void } }>(client: C, into: Record<string, string>[]): C {
  (client.middlewareStack as unknown as { add: (mw: unknown, options: unknown) => void }).add(
    (next: (args: unknown) => Promise<{ response: { headers: Record<string, string> } }>) => async (args: unknown) => {
      try {
        const out = await next(args);
        into.push(out.response.headers);
        return out;
      } catch (error) {
        const response = (error as { $response?: { headers: Record<string, string> } }).$response;
        if (response) into.push(response.headers);
        throw error;
      }
    },
    { step: 'deserialize', name: 'recordHeaders' },
  );
  return client;
}

function track<C extends { destroy(): void }>(client: C): C {
  clients.push(client);
  return client;
}

const handler = () => new NodeHttpHandler({ httpsAgent: agent });
const ses = (region = REGION, credentials = LONG_TERM) =>
  track(new SESv2Client({ region, endpoint: endpointOf(HOSTS.ses), credentials, maxAttempts: 1, requestHandler: handler() }));
const sqs = (host = HOSTS.sqs) =>
  track(new SQSClient({ region: REGION, endpoint: endpointOf(host), credentials: LONG_TERM, maxAttempts: 1, requestHandler: handler() }));
const cognito = () =>
  track(new CognitoIdentityClient({ region: REGION, endpoint: endpointOf(HOSTS.cognito), maxAttempts: 1, requestHandler: handler() }));

/** A raw HTTPS request to a host name on the TLS port, as a page would make it (with an Origin). */
function rawRequest(
  host: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host, port: aws.tlsPort, method, path, agent, servername: host, headers: { origin: 'https://mail.google.com', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const corsOf = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => name.toLowerCase().startsWith('access-control-'));

beforeAll(async () => {
  certificate = await makeTestCertificate([...Object.values(HOSTS), HOSTED_UI]);
  aws = await startLocalAws({ port: 0, region: REGION, tls: { cert: certificate.cert, key: certificate.key } });
  agent = new Agent({ ca: certificate.cert, lookup: toLoopback, keepAlive: false });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  agent?.destroy();
  await aws?.close();
});

describe('the emulator on AWS host names over TLS', () => {
  test('SES, Cognito Identity and SQS answer through the SDK with no CORS header at all', async () => {
    const seen: Record<string, string>[] = [];
    const account = await recordHeaders(ses(), seen).send(new GetAccountCommand({}));
    expect(account.SendQuota?.Max24HourSend).toBe(300);

    const identity = await recordHeaders(cognito(), seen).send(
      new GetIdCommand({ IdentityPoolId: `${REGION}:00000000-0000-4000-8000-000000000000` }),
    );
    expect(identity.IdentityId).toMatch(/^eu-west-1:/);

    const queue = await recordHeaders(sqs(), seen).send(new GetQueueUrlCommand({ QueueName: 'rampart-events-sdr' }));
    // The queue's URL names the host it was asked of: the SDK sends later calls there.
    expect(queue.QueueUrl).toBe(`https://${HOSTS.sqs}/000000000000/rampart-events-sdr`);
    const received = await recordHeaders(sqs(), seen).send(new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 0 }));
    expect(received.Messages ?? []).toEqual([]);

    expect(seen).toHaveLength(4);
    for (const headers of seen) expect(corsOf(headers)).toEqual([]);
  });

  test('a preflight, an error and the hosted UI carry no CORS header either; 127.0.0.1 keeps them', async () => {
    const preflight = await rawRequest(HOSTS.ses, 'OPTIONS', '/v2/email/account', {
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization,x-amz-date',
    });
    expect(corsOf(preflight.headers)).toEqual([]);
    const unsigned = await rawRequest(HOSTS.ses, 'GET', '/v2/email/account');
    expect(unsigned.status).toBe(403);
    expect(corsOf(unsigned.headers)).toEqual([]);
    const token = await rawRequest(HOSTED_UI, 'POST', '/oauth2/token', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(token.status).toBe(400);
    expect(corsOf(token.headers)).toEqual([]);

    // The same emulator on its own address answers CORS, as the emulator profile and the demo need.
    const local = await fetch(`${aws.url}/v2/email/account`, { headers: { origin: 'https://mail.google.com' } });
    expect(local.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('SigV4 must be scoped to the host’s region', async () => {
    await expect(ses('us-east-1').send(new GetAccountCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
  });

  test('an identity pool of another region does not exist on this region’s host', async () => {
    await expect(
      cognito().send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  test('each host serves its own service only, and no control route', async () => {
    // SES's path on SQS's host, and the control routes on an AWS host: nothing there.
    const sesOnSqs = await rawRequest(HOSTS.sqs, 'GET', '/v2/email/account');
    expect(sesOnSqs.status).toBe(404);
    const control = await rawRequest(HOSTS.ses, 'GET', '/_local/messages');
    expect(control.status).toBe(404);
    await expect(sqs(HOSTS.ses).send(new GetQueueUrlCommand({ QueueName: 'rampart-events-sdr' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });
});

test('an emulator started for eu-west-1 has pools of eu-west-1; the default start stays us-east-1', async () => {
  const pool = await (await fetch(`${aws.url}/_local/user-pool`)).json();
  expect(pool).toMatchObject({
    userPoolId: 'eu-west-1_RampartLo',
    issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_RampartLo',
  });
  const plain = await startLocalAws({ port: 0 });
  try {
    expect(plain.region).toBe('us-east-1');
    expect(plain.tlsPort).toBeUndefined();
    expect(await (await fetch(`${plain.url}/_local/user-pool`)).json()).toMatchObject({ userPoolId: 'us-east-1_RampartLo' });
  } finally {
    await plain.close();
  }
});
