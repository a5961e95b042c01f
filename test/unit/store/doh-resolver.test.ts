import { describe, expect, it } from 'vitest';
import { dohResolver, settingsSchema, trustedTargets, type BuildProfile } from '@/lib/store/settings';
import { demoSettings } from '../../support/builders';

// The recipient check's resolver learns every recipient's domain: what storage says is
// kept only where the build and the administrator allow it (docs/security.md).

const production: BuildProfile = { emulator: false, testBuild: false };
const emulator: BuildProfile = { emulator: true, testBuild: true };

describe('the DNS-over-HTTPS resolver', () => {
  it.each<{ case: string; stored?: string; managed?: boolean; build: BuildProfile; endpoint?: string; resolver: string }>([
    { case: 'production, none set', build: production, resolver: 'https://cloudflare-dns.com/dns-query' },
    { case: 'production, Google’s', stored: 'https://dns.google/resolve', build: production, resolver: 'https://dns.google/resolve' },
    {
      case: 'production, a stranger stored (a content script could write it)',
      stored: 'https://attacker.example/dns-query',
      build: production,
      resolver: 'https://cloudflare-dns.com/dns-query',
    },
    {
      case: 'production, the administrator’s own',
      stored: 'https://doh.corp.example/dns-query',
      managed: true,
      build: production,
      resolver: 'https://doh.corp.example/dns-query',
    },
    { case: 'emulator profile, none set', build: emulator, endpoint: 'http://127.0.0.1:4599', resolver: 'http://127.0.0.1:4599/dns-query' },
    {
      case: 'emulator profile, a public one stored',
      stored: 'https://cloudflare-dns.com/dns-query',
      build: emulator,
      endpoint: 'http://127.0.0.1:4599',
      resolver: 'http://127.0.0.1:4599/dns-query',
    },
  ])('$case → $resolver', ({ stored, managed, build, endpoint, resolver }) => {
    const settings = { ...demoSettings, ...(stored ? { dohResolver: stored } : {}), ...(endpoint ? { endpointOverride: endpoint } : {}) };
    expect(dohResolver(trustedTargets(settings, managed ? ['dohResolver'] : [], build), build)).toBe(resolver);
  });

  it.each([
    ['https://cloudflare-dns.com/dns-query', true],
    ['http://127.0.0.1:4566/dns-query', true],
    ['cloudflare-dns.com', false],
    ['https://dns.example/dns-query?name=x', false],
  ] as const)('%s is a resolver setting: %s', (value, valid) => {
    expect(settingsSchema.shape.dohResolver.safeParse(value).success).toBe(valid);
  });
});
