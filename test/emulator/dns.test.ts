// The emulator's DNS-over-HTTPS resolver: the JSON API of public DoH resolvers
// (GET /dns-query?name=&type=, Accept: application/dns-json), what it answers by default,
// and `POST /_local/dns` to change what a name answers.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

interface DnsJson {
  Status: number;
  TC: boolean;
  RD: boolean;
  RA: boolean;
  AD: boolean;
  CD: boolean;
  Question: { name: string; type: number }[];
  Answer?: { name: string; type: number; TTL: number; data: string }[];
}

async function resolve(name: string, type?: string | number, origin = EXTENSION) {
  const query = new URLSearchParams({ name, ...(type !== undefined ? { type: String(type) } : {}) });
  const response = await fetch(`${h.url}/dns-query?${query}`, { headers: { accept: 'application/dns-json', origin } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as DnsJson & { error?: string } };
}
const answers = async (name: string, type: string) => ((await resolve(name, type)).body.Answer ?? []).map((a) => a.data);

test('by default a domain has a mail server: MX answered in the JSON form public resolvers use, CORS for extensions', async () => {
  const { status, headers, body } = await resolve('prospect.example', 'MX');
  expect(status).toBe(200);
  expect(headers.get('content-type')).toMatch(/^application\/dns-json/);
  expect(headers.get('access-control-allow-origin')).toMatch(/^(\*|chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop)$/);
  expect(body).toEqual({
    Status: 0,
    TC: false,
    RD: true,
    RA: true,
    AD: false,
    CD: false,
    Question: [{ name: 'prospect.example.', type: 15 }],
    Answer: [{ name: 'prospect.example.', type: 15, TTL: expect.any(Number), data: expect.stringMatching(/^\d+ [a-z0-9.-]+\.$/) }],
  });
  // The type by number, and the name in any case or with its final dot, ask the same.
  expect((await resolve('Prospect.Example.', 15)).body.Answer).toEqual(body.Answer);
  // The mail server's host has an address.
  const host = body.Answer![0]!.data.split(' ')[1]!;
  expect(await answers(host, 'A')).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)]);
  // Firefox's extension origin too.
  expect(
    (await resolve('prospect.example', 'MX', 'moz-extension://0b5c9a9e-1111-4222-8333-944445555666')).headers.get(
      'access-control-allow-origin',
    ),
  ).toBeTruthy();
});

test('names under .invalid do not exist: NXDOMAIN (Status 3) for every type', async () => {
  for (const type of ['MX', 'A', 'AAAA', 'TXT']) {
    const { status, body } = await resolve('nowhere.invalid', type);
    expect(status).toBe(200);
    expect(body.Status).toBe(3);
    expect(body.Answer ?? []).toEqual([]);
    expect(body.Question).toEqual([{ name: 'nowhere.invalid.', type: { MX: 15, A: 1, AAAA: 28, TXT: 16 }[type] }]);
  }
  expect((await resolve('deep.sub.nowhere.invalid', 'MX')).body.Status).toBe(3);
});

test('the start state publishes DMARC p=none at _dmarc.outbound.example.com; other names have no TXT', async () => {
  const { body } = await resolve('_dmarc.outbound.example.com', 'TXT');
  expect(body.Status).toBe(0);
  expect(body.Answer).toEqual([{ name: '_dmarc.outbound.example.com.', type: 16, TTL: expect.any(Number), data: '"v=DMARC1; p=none"' }]);
  const other = await resolve('_dmarc.prospect.example', 'TXT');
  expect(other.body.Status).toBe(0);
  expect(other.body.Answer ?? []).toEqual([]);
});

test('POST /_local/dns sets what a name answers; reset restores the start state', async () => {
  expect(await h.control('POST', '/_local/dns', { domain: 'dead.example', mx: [], a: [] })).toMatchObject({
    domain: 'dead.example',
    mx: [],
    a: [],
  });
  const dead = await resolve('dead.example', 'MX');
  expect(dead.body.Status).toBe(0);
  expect(dead.body.Answer ?? []).toEqual([]);
  expect(await answers('dead.example', 'A')).toEqual([]);

  await h.control('POST', '/_local/dns', {
    domain: 'acme.example',
    mx: ['5 mx1.acme.example', 'mx2.acme.example'],
    a: ['198.51.100.7'],
    txt: ['v=spf1 -all'],
  });
  expect(await answers('acme.example', 'MX')).toEqual(['5 mx1.acme.example.', '10 mx2.acme.example.']);
  expect(await answers('acme.example', 'A')).toEqual(['198.51.100.7']);
  expect(await answers('acme.example', 'TXT')).toEqual(['"v=spf1 -all"']);
  await h.control('POST', '/_local/dns', { domain: 'v6.example', aaaa: ['2001:db8::25'] });
  expect(await answers('v6.example', 'AAAA')).toEqual(['2001:db8::25']);
  // A null MX (RFC 7505) is a record like any other.
  await h.control('POST', '/_local/dns', { domain: 'nomail.example', mx: ['0 .'] });
  expect(await answers('nomail.example', 'MX')).toEqual(['0 .']);
  await h.control('POST', '/_local/dns', { domain: '_dmarc.outbound.example.com', txt: ['v=DMARC1; p=reject'] });
  expect(await answers('_dmarc.outbound.example.com', 'TXT')).toEqual(['"v=DMARC1; p=reject"']);
  await h.control('POST', '/_local/dns', { domain: 'gone.example', exists: false });
  expect((await resolve('gone.example', 'MX')).body.Status).toBe(3);

  await h.control('POST', '/_local/reset');
  expect(await answers('_dmarc.outbound.example.com', 'TXT')).toEqual(['"v=DMARC1; p=none"']);
  expect((await resolve('gone.example', 'MX')).body.Status).toBe(0);
  expect(await answers('dead.example', 'MX')).toHaveLength(1);
  expect(await answers('acme.example', 'TXT')).toEqual([]);
});

test('malformed queries and settings are refused with 400', async () => {
  const noName = await fetch(`${h.url}/dns-query?type=MX`, { headers: { accept: 'application/dns-json' } });
  expect(noName.status).toBe(400);
  expect((await resolve('prospect.example', 'BOGUS')).status).toBe(400);
  expect((await resolve('bad..name', 'MX')).status).toBe(400);
  await expect(h.control('POST', '/_local/dns', { mx: [] })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/dns', { domain: 'x.example', a: ['not-an-ip'] })).rejects.toThrow(/400/);
  await expect(h.control('POST', '/_local/dns', { domain: 'x.example', mx: 'mx.x.example' })).rejects.toThrow(/400/);
});
