// The DNS-over-HTTPS JSON API, in the form Google Public DNS defined and Cloudflare's
// 1.1.1.1 follows ("Using JSON", developers.cloudflare.com): GET /dns-query?name=&type=
// with `Accept: application/dns-json`; `type` by number or mnemonic (default A); the answer
// `{Status, TC, RD, RA, AD, CD, Question, Answer?}`, Status 0 (NOERROR) or 3 (NXDOMAIN),
// names with their final dot, TXT data quoted as Cloudflare writes it. A malformed query is
// a 400. Served on the emulator's own endpoint, with CORS for any origin (extension pages
// and content scripts included), as public resolvers answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../context';
import { canonicalName, recordsOf, type NameRecords } from './zone';

export const DOH_PATHS = ['/dns-query', '/resolve'];

const TYPES: Record<string, number> = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, CAA: 257, ANY: 255 };
const ANSWERED: Partial<Record<number, keyof Omit<NameRecords, 'exists'>>> = { 1: 'a', 15: 'mx', 16: 'txt', 28: 'aaaa' };
const TTL = 300;

function reply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const origin = req.headers.origin;
  res.writeHead(status, {
    'Content-Type': 'application/dns-json',
    'Content-Length': String(payload.length),
    'Cache-Control': `max-age=${TTL}`,
    'Access-Control-Allow-Origin': typeof origin === 'string' && origin !== 'null' ? origin : '*',
    Vary: 'Origin',
  });
  res.end(payload);
}

function queryType(text: string | null): number | undefined {
  if (text === null || text === '') return 1;
  if (/^\d{1,5}$/.test(text)) {
    const number = Number(text);
    return number >= 1 && number <= 65535 ? number : undefined;
  }
  return TYPES[text.toUpperCase()];
}

/** TXT data as the JSON API writes it: quoted, in strings of at most 255 characters. */
const quoteTxt = (text: string) => (text.match(/[^]{1,255}/g) ?? ['']).map((chunk) => `"${chunk.replace(/["\\]/g, '\\$&')}"`).join(' ');

export function handleDoh(emulator: Emulator, method: string, rawQuery: string, req: IncomingMessage, res: ServerResponse): void {
  if (method !== 'GET' && method !== 'HEAD') {
    reply(req, res, 400, { error: 'Only the JSON API is served here: GET with name and type (Accept: application/dns-json).' });
    return;
  }
  const query = new URLSearchParams(rawQuery);
  const rawName = query.get('name');
  const name = rawName === null ? undefined : canonicalName(rawName);
  if (!name) {
    reply(req, res, 400, { error: `Invalid query name: ${rawName ?? '(missing)'}` });
    return;
  }
  const type = queryType(query.get('type'));
  if (type === undefined) {
    reply(req, res, 400, { error: `Invalid query type: ${query.get('type')}` });
    return;
  }
  const records = recordsOf(emulator.state.dns, name);
  const field = ANSWERED[type];
  const data = records.exists && field ? records[field] : [];
  const fqdn = `${name}.`;
  reply(req, res, 200, {
    Status: records.exists ? 0 : 3,
    TC: false,
    RD: true,
    RA: true,
    AD: false,
    CD: query.get('cd') === '1' || query.get('cd') === 'true',
    Question: [{ name: fqdn, type }],
    ...(data.length > 0 ? { Answer: data.map((item) => ({ name: fqdn, type, TTL, data: type === 16 ? quoteTxt(item) : item })) } : {}),
  });
}
