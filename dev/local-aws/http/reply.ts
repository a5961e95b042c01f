import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { awsHostOf } from './aws-host';

/**
 * CORS on every answer, so a page (the demo inbox, a test page) may call the emulator;
 * the extension itself does not need it (host permissions). None on AWS's host names:
 * SES, Cognito Identity, SQS and the hosted UI send none either.
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  if (awsHostOf(req.headers.host)) return {};
  const requested = req.headers['access-control-request-headers'];
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && requested
        ? requested
        : 'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-target, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request',
    'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-query-error, Date',
    'Access-Control-Max-Age': '600',
  };
}

export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...corsHeaders(req),
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

/** An answer that is not JSON, or not whole: what a proxy or a cut connection hands a client. */
export function sendRaw(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    ...corsHeaders(req),
    'Content-Type': text.startsWith('<') ? 'text/html' : 'application/json',
    'Content-Length': String(payload.length),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(payload);
}
