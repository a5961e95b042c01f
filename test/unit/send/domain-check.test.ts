import { afterEach, describe, expect, it } from 'vitest';
import { createDomainCheck, FOUND_TTL_MS, lookupMail, onList, type Fetch } from '@/lib/send/domain-check';
import { DomainCacheDb } from '@/lib/store/domain-cache';

// The recipient check's DNS side: a resolver speaking the JSON API (as Cloudflare and
// Google do, and the emulator's /dns-query), played here by a table of answers.

type Answers = Record<string, { Status: number; Answer?: { type: number; data: string }[] } | 'fail' | 'hang'>;
const RESOLVER = 'https://resolver.test/dns-query';

function resolver(answers: Answers): Fetch & { asked: string[] } {
  const asked: string[] = [];
  const fetcher = (async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    expect(`${url.origin}${url.pathname}`).toBe(RESOLVER);
    expect(new Headers(init?.headers).get('accept')).toBe('application/dns-json');
    const key = `${url.searchParams.get('name')} ${url.searchParams.get('type')}`;
    asked.push(key);
    const answer = answers[key] ?? { Status: 0 };
    if (answer === 'fail') return new Response('bad gateway', { status: 502 });
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/dns-json' } });
  }) as Fetch & { asked: string[] };
  fetcher.asked = asked;
  return fetcher;
}

const mx = (data: string) => ({ Status: 0, Answer: [{ type: 15, data }] });
const a = (data: string) => ({ Status: 0, Answer: [{ type: 1, data }] });

describe('a domain’s mail servers', () => {
  it.each<{ case: string; answers: Answers; mail: string; reason?: string }>([
    { case: 'an MX record', answers: { 'acme.example MX': mx('10 mx.acme.example.') }, mail: 'found' },
    {
      // A CNAME before the MX in the answer section is not an MX.
      case: 'an MX after a CNAME',
      answers: {
        'acme.example MX': {
          Status: 0,
          Answer: [
            { type: 5, data: 'x.example.' },
            { type: 15, data: '5 mx.x.example.' },
          ],
        },
      },
      mail: 'found',
    },
    { case: 'no MX but an address (RFC 5321 §5.1)', answers: { 'acme.example A': a('192.0.2.25') }, mail: 'found' },
    {
      case: 'no MX but an IPv6 address',
      answers: { 'acme.example AAAA': { Status: 0, Answer: [{ type: 28, data: '2001:db8::25' }] } },
      mail: 'found',
    },
    { case: 'no MX, A or AAAA', answers: {}, mail: 'none', reason: 'no-mail-server' },
    { case: 'no such domain', answers: { 'acme.example MX': { Status: 3 } }, mail: 'none', reason: 'nxdomain' },
    { case: 'a null MX (RFC 7505)', answers: { 'acme.example MX': mx('0 .') }, mail: 'none', reason: 'null-mx' },
  ])('$case → $mail', async ({ answers, mail, reason }) => {
    const answer = await lookupMail('acme.example', RESOLVER, resolver(answers), new AbortController().signal);
    expect(answer).toEqual(reason ? { mail, reason } : { mail });
  });

  it.each<{ case: string; answers: Answers }>([
    { case: 'the resolver fails', answers: { 'acme.example MX': 'fail' } },
    { case: 'SERVFAIL', answers: { 'acme.example MX': { Status: 2 } } },
  ])('cannot say when $case', async ({ answers }) => {
    await expect(lookupMail('acme.example', RESOLVER, resolver(answers), new AbortController().signal)).rejects.toThrow();
  });
});

describe('the disposable-address list', () => {
  const list = new Set(['mailinator.com', 'guerrillamail.com']);
  it.each([
    ['mailinator.com', true],
    ['eu.mailinator.com', true],
    ['notmailinator.com', false],
    ['com', false],
    ['acme.example', false],
  ] as const)('%s → %s', (domain, listed) => {
    expect(onList(domain, list)).toBe(listed);
  });
});

describe('the recipient check, cached per domain', () => {
  let n = 0;
  let database: DomainCacheDb;
  afterEach(async () => database?.delete());
  const fresh = () => (database = new DomainCacheDb(`domains-${++n}`));

  const answers: Answers = {
    'acme.example MX': mx('10 mx.acme.example.'),
    'gone.invalid MX': { Status: 3 },
    'slow.example MX': 'hang',
    'mailinator.com MX': mx('10 mail.mailinator.com.'),
  };

  it('says what each domain has, and a slow lookup is not checked rather than waited for', async () => {
    const db = fresh();
    const check = createDomainCheck({
      resolver: async () => RESOLVER,
      fetch: resolver(answers),
      database: () => db,
      disposableDomains: async () => new Set(['mailinator.com']),
      timeoutMs: 60_000,
    });
    const facts = await check(['acme.example', 'gone.invalid', 'slow.example', 'mailinator.com'], 50);
    expect(Object.fromEntries(facts)).toEqual({
      'acme.example': { mail: 'found', disposable: false },
      'gone.invalid': { mail: 'none', reason: 'nxdomain', disposable: false },
      'slow.example': { mail: 'unchecked', disposable: false },
      'mailinator.com': { mail: 'found', disposable: true },
    });
  });

  it('asks the resolver once per domain, then answers from memory, and from IndexedDB in a new worker', async () => {
    const db = fresh();
    let now = Date.parse('2026-11-28T10:00:00Z');
    const fetcher = resolver(answers);
    const sources = {
      resolver: async () => RESOLVER,
      fetch: fetcher,
      database: () => db,
      disposableDomains: async () => null,
      now: () => now,
    };
    const check = createDomainCheck(sources);
    expect((await check(['acme.example', 'gone.invalid'], 5_000)).get('gone.invalid')?.mail).toBe('none');
    const asked = fetcher.asked.length;
    expect((await check(['acme.example', 'gone.invalid'], 5_000)).get('acme.example')).toEqual({ mail: 'found', disposable: null });
    expect(fetcher.asked.length).toBe(asked);

    // A new worker: the rows written to IndexedDB answer, the resolver is not asked.
    await expect.poll(() => db.domains.count()).toBe(2);
    const again = createDomainCheck(sources);
    expect((await again(['acme.example', 'gone.invalid'], 5_000)).get('gone.invalid')).toEqual({
      mail: 'none',
      reason: 'nxdomain',
      disposable: null,
    });
    expect(fetcher.asked.length).toBe(asked);

    // Past its time to live the answer is looked up again.
    now += FOUND_TTL_MS + 1;
    await again(['acme.example'], 5_000);
    expect(fetcher.asked.length).toBeGreaterThan(asked);
  });

  it('a resolver that fails leaves the domain not checked, and asks again next time', async () => {
    const db = fresh();
    const fetcher = resolver({ 'acme.example MX': 'fail' });
    const check = createDomainCheck({
      resolver: async () => RESOLVER,
      fetch: fetcher,
      database: () => db,
      disposableDomains: async () => null,
    });
    expect((await check(['acme.example'], 5_000)).get('acme.example')?.mail).toBe('unchecked');
    await check(['acme.example'], 5_000);
    expect(fetcher.asked.filter((q) => q === 'acme.example MX')).toHaveLength(2);
  });
});
