import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Verdict } from '@/lib/core/finding';
import { draftOf } from '../support/builders';
import { askFromPage, test } from './harness';

// The lead's fire drill from options, against the emulator: SES's mailbox simulator
// answers, the events come back through this sender's queue, and each step is ticked.
// A drill changes nothing (no cap used, no address suppressed), so a second one passes
// like the first. With the configuration set's event destination removed, the drill
// fails at the events step and names the configuration set and the sender tag.

const WAIT = 60_000;

const steps = (page: Page) =>
  page
    .locator('[data-rampart="drill-step"]')
    .evaluateAll((items) => items.map((item) => `${(item as HTMLElement).dataset.step} ${(item as HTMLElement).dataset.state}`));

async function runDrill(page: Page): Promise<void> {
  const start = page.locator('[data-rampart="drill-start"]');
  await expect.poll(() => start.isEnabled(), { timeout: WAIT }).toBe(true);
  await start.click();
  await expect.poll(() => page.locator('[data-rampart="fire-drill"]').getAttribute('data-state'), { timeout: WAIT }).not.toBe('starting');
}

const draftTo = (email: string) => draftOf({ composeId: 'after-drill', to: [{ email }], subject: 'Following up' });

test(
  'a fire drill passes on the start state, twice, changes nothing, and fails at the events step without an event destination',
  { timeout: 300_000 },
  async ({ rampart }) => {
    const options = await rampart.openExtensionPage('options.html');
    const drill = options.locator('[data-rampart="fire-drill"]');
    const popup = await rampart.openExtensionPage('popup.html');
    await expect.poll(() => popup.locator('[data-rampart="cap-remaining"]').innerText(), { timeout: WAIT }).toBe('60');

    for (const round of [1, 2]) {
      await runDrill(options);
      await expect.poll(() => drill.getAttribute('data-state'), { timeout: WAIT }).toBe('passed');
      expect(await steps(options), `drill ${round}`).toEqual([
        'send passed',
        'events passed',
        'suppression passed',
        'counts passed',
        'vdm passed',
      ]);
      expect(await options.locator('[data-rampart="drill-step"][data-step="counts"] [data-rampart="drill-detail"]').innerText()).toMatch(
        /3 sent, 2 delivered, 1 hard bounce, 1 complaint/,
      );
    }

    // Nothing the drills saw is counted or suppressed: the cap is whole, bounce@ and complaint@ are not blocked.
    await popup.reload();
    await expect.poll(() => popup.locator('[data-rampart="cap-remaining"]').innerText(), { timeout: WAIT }).toBe('60');
    for (const address of ['bounce@simulator.amazonses.com', 'complaint@simulator.amazonses.com']) {
      const verdict = await askFromPage<Verdict>(options, 'check', { draft: draftTo(address) });
      expect(verdict.findings.map((f) => f.code)).not.toContain('suppressed-recipient');
    }

    // The configuration set publishes nothing any more: SES still accepts the messages, no event comes back.
    await rampart.awsControl('/_local/configuration-set', { name: 'rampart', events: [] });
    await runDrill(options);
    await expect.poll(() => steps(options), { timeout: WAIT }).toContain('events waiting');
    expect(await drill.getAttribute('data-state')).toBe('running');
    // One drill at a time: a second, from another page, is refused while this one waits.
    await expect(askFromPage(options, 'startDrill', {})).rejects.toThrow(/drill-running/);
    // Past the drill's five minutes on the background's clock.
    await options.evaluate(() => chrome.storage.local.set({ 'rampart.clockOffsetMs': 6 * 60_000 }));
    await expect.poll(() => drill.getAttribute('data-state'), { timeout: WAIT }).toBe('failed');
    expect(await steps(options)).toEqual(['send passed', 'events failed', 'suppression failed', 'counts failed', 'vdm passed']);
    expect(await options.locator('[data-rampart="drill-step"][data-step="events"] [data-rampart="drill-detail"]').innerText()).toMatch(
      /No event came back in 5 minutes\. The configuration set “rampart” needs an event destination .* sender tag “sdr_40outbound_2eexample_2ecom”/,
    );
  },
);
