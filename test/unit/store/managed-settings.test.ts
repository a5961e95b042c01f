// The administrator's policy over the SDR's settings: managed values win, key by key;
// a value the settings schema refuses is left out rather than breaking the set-up.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { readManagedPolicy } from '@/lib/store/managed-policy';
import { overlayManaged } from '@/lib/store/managed-overlay';
import { loadSettings, loadSettingsWithPolicy, saveSettings, defaultSettings, type Settings } from '@/lib/store/settings';

const own: Settings = {
  ...defaultSettings,
  region: 'eu-west-1',
  identityPoolId: 'eu-west-1:11111111-1111-4111-8111-111111111111',
  configurationSet: 'mine',
  fromName: 'Ana',
  fromAddress: 'ana@outbound.example.com',
  senderTag: 'ana-east',
};

beforeEach(() => fakeBrowser.reset());

describe('reading the policy', () => {
  test('no policy: nothing managed', async () => {
    expect(await readManagedPolicy()).toEqual({ settings: {} });
  });

  test('only known keys are read; the ramp plan comes apart', async () => {
    await fakeBrowser.storage.managed.set({ region: 'us-west-2', somethingElse: 1, rampPlan: { mailboxes: 3 } });
    expect(await readManagedPolicy()).toEqual({ settings: { region: 'us-west-2' }, rampPlan: { mailboxes: 3 } });
  });
});

describe('managed values over the settings', () => {
  test('managed wins over what the SDR stored, and only the managed keys are locked', async () => {
    await saveSettings(own);
    await fakeBrowser.storage.managed.set({
      region: 'us-east-2',
      identityPoolId: 'us-east-2:22222222-2222-4222-8222-222222222222',
      configurationSet: 'team',
    });
    const { settings, locked, refused } = await loadSettingsWithPolicy();
    expect(settings).toEqual({
      ...own,
      region: 'us-east-2',
      identityPoolId: 'us-east-2:22222222-2222-4222-8222-222222222222',
      configurationSet: 'team',
    });
    expect(locked.sort()).toEqual(['configurationSet', 'identityPoolId', 'region']);
    expect(refused).toEqual([]);
    expect(await loadSettings()).toEqual(settings);
  });

  test('a managed value the schema refuses is left out and reported; the rest still applies', async () => {
    await saveSettings(own);
    await fakeBrowser.storage.managed.set({ region: 'not a region', fromName: 'Team Name', guardGmailSend: 'yes' });
    const { settings, locked, refused } = await loadSettingsWithPolicy();
    expect(settings.region).toBe('eu-west-1');
    expect(settings.fromName).toBe('Team Name');
    expect(settings.guardGmailSend).toBe(own.guardGmailSend);
    expect(locked).toEqual(['fromName']);
    expect(refused.sort()).toEqual(['guardGmailSend', 'region']);
  });

  test('with nothing stored, a complete policy is a complete set-up', async () => {
    await fakeBrowser.storage.managed.set({
      region: 'us-east-1',
      identityPoolId: 'us-east-1:33333333-3333-4333-8333-333333333333',
      configurationSet: 'rampart',
      fromName: 'Team',
      fromAddress: 'team@outbound.example.com',
      senderTag: 'team-east',
      userPoolId: 'us-east-1_AbCdEf123',
      userPoolClientId: 'client',
      hostedUiDomain: 'acme.auth.us-east-1.amazoncognito.com',
    });
    const { settings } = await loadSettingsWithPolicy();
    expect(settings).toMatchObject({
      identityPoolId: 'us-east-1:33333333-3333-4333-8333-333333333333',
      userPoolId: 'us-east-1_AbCdEf123',
      hostedUiDomain: 'acme.auth.us-east-1.amazoncognito.com',
    });
  });

  test('the overlay itself keeps the base untouched', () => {
    const base = { a: 1, b: 'x' };
    const result = overlayManaged(base, { settings: { region: 'r' } }, () => true);
    expect(base).toEqual({ a: 1, b: 'x' });
    expect(result.settings).toEqual({ a: 1, b: 'x', region: 'r' });
  });
});
