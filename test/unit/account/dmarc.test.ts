import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dmarcNames, lookupDmarc } from '@/lib/account/dmarc';
import { startHarness, type Harness } from '../../emulator/support';

// The From domain's DMARC record over DNS-over-HTTPS, asked of the emulator's resolver
// (the JSON API public resolvers answer): found, absent, found at a parent, and a
// resolver that cannot say.

let h: Harness;
let resolver: string;
beforeAll(async () => {
  h = await startHarness();
  resolver = `${h.url}/dns-query`;
});
afterAll(() => h.close());
beforeEach(() => h.control('POST', '/_local/reset'));

describe('dmarcNames', () => {
  it.each([
    ['outbound.example.com', ['_dmarc.outbound.example.com', '_dmarc.example.com']],
    ['Example.COM.', ['_dmarc.example.com']],
    ['a.b.example.co.uk', ['_dmarc.a.b.example.co.uk', '_dmarc.b.example.co.uk', '_dmarc.example.co.uk', '_dmarc.co.uk']],
    ['localhost', []],
  ])('%s → %j', (domain, names) => expect(dmarcNames(domain)).toEqual(names));
});

describe('lookupDmarc', () => {
  it('finds the record the emulator publishes for the demo From domain', async () => {
    expect(await lookupDmarc('outbound.example.com', resolver)).toBe(true);
  });

  it('finds a parent’s record for a subdomain without its own', async () => {
    expect(await lookupDmarc('mail.outbound.example.com', resolver)).toBe(true);
  });

  it('says false when no name on the walk has a record, or only a TXT that is not DMARC', async () => {
    expect(await lookupDmarc('prospect.example', resolver)).toBe(false);
    await h.control('POST', '/_local/dns', { domain: '_dmarc.acme.example', txt: ['v=spf1 include:amazonses.com ~all'] });
    expect(await lookupDmarc('acme.example', resolver)).toBe(false);
    await h.control('POST', '/_local/dns', { domain: '_dmarc.acme.example', txt: ['v=DMARC1; p=quarantine; rua=mailto:d@acme.example'] });
    expect(await lookupDmarc('acme.example', resolver)).toBe(true);
  });

  it('asks past the browser’s HTTP cache, so a record just fixed is seen at the next sync', async () => {
    const asked: (RequestInit | undefined)[] = [];
    await lookupDmarc('outbound.example.com', resolver, async (input, init) => (asked.push(init), fetch(input, init)));
    expect(asked.map((init) => init?.cache)).toEqual(['no-cache']);
  });

  it('reads a record split in quoted chunks, refuses `v=dmarc1`, two records at one name, and a public suffix’s own policy', async () => {
    await h.control('POST', '/_local/dns', { domain: '_dmarc.acme.example', txt: ['v=dmarc1; p=none'] });
    expect(await lookupDmarc('acme.example', resolver)).toBe(false);
    await h.control('POST', '/_local/dns', { domain: '_dmarc.acme.example', txt: ['v=DMARC1; p=none', 'v=DMARC1; p=reject'] });
    expect(await lookupDmarc('acme.example', resolver)).toBe(false);
    await h.control('POST', '/_local/dns', { domain: '_dmarc.co.example', txt: ['v=DMARC1; p=reject; psd=y'] });
    expect(await lookupDmarc('shop.co.example', resolver)).toBe(false);
    const chunked = async () =>
      new Response(JSON.stringify({ Status: 0, Answer: [{ type: 16, data: '"v=DMARC1;" " p=none"' }] }), { status: 200 });
    expect(await lookupDmarc('acme.example', resolver, chunked)).toBe(true);
  });

  it('says null, not false, for a From domain DNS could not answer for', async () => {
    expect(await lookupDmarc('localhost', resolver)).toBeNull();
  });

  it('says false for a domain that does not exist', async () => {
    expect(await lookupDmarc('nowhere.invalid', resolver)).toBe(false);
  });

  it('says null when the resolver cannot answer: an HTTP error, an answer that is not DNS JSON, no connection', async () => {
    const answering = (status: number, body: string) => async () => new Response(body, { status });
    expect(await lookupDmarc('outbound.example.com', resolver, answering(503, 'busy'))).toBeNull();
    expect(await lookupDmarc('outbound.example.com', resolver, answering(200, '<html>'))).toBeNull();
    expect(await lookupDmarc('outbound.example.com', 'http://127.0.0.1:9/dns-query')).toBeNull();
  });
});
