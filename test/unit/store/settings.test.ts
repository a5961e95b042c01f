// Nothing read from storage may send a token or a signed request anywhere but AWS (or, in
// the emulator profile, this machine): the endpoint override and the hosted UI by profile.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { signInConfigOf } from '@/lib/aws/sign-in/config';
import {
  avoidFromDomainsOf,
  defaultSettings,
  isDomainList,
  loadSettings,
  saveSettings,
  settingsSchema,
  trustedTargets,
  type BuildProfile,
  type Settings,
} from '@/lib/store/settings';

const production: BuildProfile = { emulator: false, testBuild: false };
const emulator: BuildProfile = { emulator: true, testBuild: true };
const testBuild: BuildProfile = { emulator: false, testBuild: true };

const base: Settings = {
  ...defaultSettings,
  region: 'us-east-1',
  identityPoolId: 'us-east-1:11111111-1111-4111-8111-111111111111',
  configurationSet: 'rampart',
  fromName: 'Ana',
  fromAddress: 'ana@outbound.example.com',
  senderTag: 'ana_40outbound_2eexample_2ecom',
  userPoolId: 'us-east-1_AbCdEf123',
  userPoolClientId: 'client',
};

beforeEach(() => fakeBrowser.reset());

describe('trustedTargets', () => {
  test.each([
    // [profile, endpointOverride, kept?]
    ['production', production, 'http://127.0.0.1:9999', false],
    ['production', production, 'https://email.us-east-1.amazonaws.com', false],
    ['a test build', testBuild, 'http://127.0.0.1:9999', true],
    ['the emulator profile', emulator, 'http://127.0.0.1:4566', true],
    ['the emulator profile', emulator, 'http://localhost:4566/', true],
    ['the emulator profile', emulator, 'https://attacker.example', false],
    ['the emulator profile', emulator, 'http://127.0.0.1.attacker.example', false],
  ] as const)('%s: endpointOverride %s kept = %s', (_name, build, endpointOverride, kept) => {
    const out = trustedTargets({ ...base, endpointOverride }, [], build);
    expect(out.endpointOverride).toBe(kept ? endpointOverride : undefined);
  });

  test('production drops an endpoint override even when the administrator’s policy sets it', () => {
    expect(
      trustedTargets({ ...base, endpointOverride: 'https://proxy.example' }, ['endpointOverride'], production).endpointOverride,
    ).toBeUndefined();
  });

  const both = ['hostedUiDomain', 'userPoolId'] as const;
  test.each([
    // A Cognito prefix domain from storage alone: any AWS account can make one for a pool of its own.
    ['acme.auth.us-east-1.amazoncognito.com', [], false],
    ['https://acme-sdr.auth.eu-west-1.amazoncognito.com', [], false],
    ['http://acme.auth.us-east-1.amazoncognito.com', [], false],
    ['https://127.0.0.1:9999', [], false],
    ['attacker.example', [], false],
    ['acme.auth.us-east-1.amazoncognito.com.attacker.example', [], false],
    ['auth.acme.example', [], false],
    // The administrator's: the domain together with the user pool it belongs to.
    ['acme.auth.us-east-1.amazoncognito.com', both, true],
    ['https://acme.auth.us-east-1.amazoncognito.com/', both, true],
    ['auth.acme.example', both, true],
    // The domain managed but the pool left to storage: not tied to the pool.
    ['acme.auth.us-east-1.amazoncognito.com', ['hostedUiDomain'], false],
    ['acme.auth.us-east-1.amazoncognito.com', ['userPoolId'], false],
  ] as const)('production: hosted UI %s (managed: %j) kept = %s', (hostedUiDomain, managed, kept) => {
    const out = trustedTargets({ ...base, hostedUiDomain }, managed, production);
    expect(out.hostedUiDomain).toBe(kept ? hostedUiDomain : undefined);
  });

  test('a test build’s hosted UI may be the test’s emulator on this machine, nothing else off Cognito', () => {
    expect(trustedTargets({ ...base, hostedUiDomain: 'http://127.0.0.1:4566' }, [], testBuild).hostedUiDomain).toBe(
      'http://127.0.0.1:4566',
    );
    expect(trustedTargets({ ...base, hostedUiDomain: 'https://attacker.example' }, [], testBuild).hostedUiDomain).toBeUndefined();
  });

  test('the emulator profile’s hosted UI is this machine only', () => {
    expect(trustedTargets({ ...base, hostedUiDomain: 'http://127.0.0.1:4566' }, [], emulator).hostedUiDomain).toBe('http://127.0.0.1:4566');
    expect(trustedTargets({ ...base, hostedUiDomain: 'https://attacker.example' }, [], emulator).hostedUiDomain).toBeUndefined();
  });
});

describe('loaded settings', () => {
  test('a hosted UI written to storage that is not a Cognito domain signs no one in (no token endpoint to post to)', async () => {
    await saveSettings({ ...base, hostedUiDomain: 'https://attacker.example:9999' });
    const settings = await loadSettings();
    expect(settings.hostedUiDomain).toBeUndefined();
    expect(signInConfigOf(settings)).toBeUndefined();
  });

  test('another pool’s Cognito hosted UI written to storage signs no one in: it looks like the team’s', async () => {
    await saveSettings({ ...base, hostedUiDomain: 'someone-else.auth.us-east-1.amazoncognito.com' });
    const settings = await loadSettings();
    expect(settings.hostedUiDomain).toBeUndefined();
    expect(signInConfigOf(settings)).toBeUndefined();
  });

  test('the administrator’s policy names the hosted UI with its user pool', async () => {
    await saveSettings({ ...base, hostedUiDomain: 'http://127.0.0.1:9999' });
    await fakeBrowser.storage.managed.set({ hostedUiDomain: 'https://auth.acme.example', userPoolId: 'us-east-1_AbCdEf123' });
    expect(signInConfigOf(await loadSettings())?.hostedUi).toBe('https://auth.acme.example');
  });

  test('a policy hosted UI without its user pool is not used: the stored pool could be another one', async () => {
    await saveSettings({ ...base, userPoolId: 'us-east-1_Elsewhere1' });
    await fakeBrowser.storage.managed.set({ hostedUiDomain: 'https://auth.acme.example' });
    expect(signInConfigOf(await loadSettings())).toBeUndefined();
  });
});

describe('the transactional and corporate domains', () => {
  test('are a list of domain names separated by commas, semicolons or spaces', () => {
    expect(isDomainList('')).toBe(true);
    expect(isDomainList('example.com, Example.NET;mail.example.org  corp.example.co.uk')).toBe(true);
    expect(isDomainList('example')).toBe(false);
    expect(isDomainList('sdr@example.com')).toBe(false);
    expect(isDomainList('-example.com')).toBe(false);
    expect(settingsSchema.safeParse({ ...base, avoidFromDomains: 'example.com, not a domain' }).success).toBe(false);
  });

  test('are read lower-cased, each once', () => {
    expect(avoidFromDomainsOf({ avoidFromDomains: ' Example.com,example.COM  example.net ' })).toEqual(['example.com', 'example.net']);
    expect(avoidFromDomainsOf({})).toEqual([]);
  });
});
