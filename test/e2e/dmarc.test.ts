import { expect } from 'vitest';
import type { Verdict } from '@/lib/core/finding';
import type { DashboardView } from '@/lib/dashboard/view';
import { draftOf } from '../support/builders';
import { askFromPage, test } from './harness';

// The From domain's DMARC record, looked up over DNS-over-HTTPS at each account sync:
// found, the compose check says nothing of DMARC and the five-minute check's line turns
// green; removed from DNS, the next sync says the domain publishes none, in both places.

const WAIT = 60_000;

const draft = draftOf({ composeId: 'dmarc', to: [{ email: 'dana@prospect.example' }], subject: 'Following up' });

test(
  'the From domain’s DMARC record is looked up at each sync, in the compose check and the five-minute check',
  { timeout: 180_000 },
  async ({ rampart }) => {
    const popup = await rampart.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('[data-rampart="cap-remaining"]').innerText(), { timeout: WAIT }).toBe('60');
    expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);

    const dmarcCodes = async () =>
      (await askFromPage<Verdict>(popup, 'check', { draft })).findings.map((f) => f.code).filter((code) => code.startsWith('from-dmarc'));
    const authLine = async () => (await askFromPage<DashboardView>(popup, 'dashboard', {})).checklist.find((l) => l.code === 'domain-auth');

    // The emulator publishes `v=DMARC1; p=none` at _dmarc.outbound.example.com.
    expect(await dmarcCodes()).toEqual([]);
    expect(await authLine()).toMatchObject({ status: 'ok', detail: { reason: 'auth-ok' } });

    await rampart.awsControl('/_local/dns', { domain: '_dmarc.outbound.example.com', txt: [] });
    expect((await askFromPage<{ ok: boolean }>(popup, 'sync', {})).ok).toBe(true);
    expect(await dmarcCodes()).toEqual(['from-dmarc-missing']);
    expect(await authLine()).toMatchObject({ status: 'todo', detail: { reason: 'auth-missing', params: { missing: 'DMARC' } } });
  },
);
