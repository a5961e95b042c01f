import { SESv2Client } from '@aws-sdk/client-sesv2';

// An SESv2Client whose answers come from a function, on the wire: the SDK's own
// serialisation and parsing run, so a test can hand it any body SES (or a proxy on the
// way) could send, wrong types and cut-short JSON included.

/** The SDK's request as far as a route needs it (@smithy/protocol-http's HttpRequest). */
export interface FakeRequest {
  method: string;
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** A response as the SDK reads it (@smithy/protocol-http's HttpResponse). */
export interface FakeResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A JSON answer; a string body is sent as it is (cut short, not JSON at all). */
export function json(status: number, body: unknown, errorType?: string): FakeResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
    body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

/** The NextToken a listing request carries: in the query (GET) or the JSON body (POST). */
export function nextTokenOf(request: FakeRequest): string | undefined {
  const query = request.query?.NextToken;
  if (typeof query === 'string') return query;
  if (typeof request.body !== 'string' || !request.body) return undefined;
  return (JSON.parse(request.body) as { NextToken?: string }).NextToken;
}

export function fakeSes(route: (request: FakeRequest) => FakeResponse): SESv2Client {
  return new SESv2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
    maxAttempts: 1,
    requestHandler: { handle: async (request: FakeRequest) => ({ response: route(request) }) },
  });
}
