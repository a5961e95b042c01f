import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import { launchRampart, type Rampart } from '../e2e/launch';
import { allowSends, outboxRows, sendFrom } from '../e2e/sends';

// outbox-drain: 300 one-recipient drafts clicked at once, through one browser, then
// through two browsers at once on one account (150 each; the named fields). MaxSendRate
// is the account's; each browser paces itself and learns its share from SES's throttles.
// Rates come from the emulator's record of SendEmail calls: accepted recipients ÷ seconds
// from the first attempt to the last acceptance. Figures only, no assertion.

const DRAFTS = 300;
const MAX_SEND_RATE = 14;

interface Run {
  achieved_rate: number;
  ratio: number;
  throttled: number;
  lost: number;
  seconds: number;
}

async function drain(aws: LocalAws, browsers: Rampart[], label: string): Promise<Run> {
  const before = (await aws_requests(aws)).length;
  const perBrowser = DRAFTS / browsers.length;
  const pages = await Promise.all(browsers.map((b) => b.openExtensionPage('options.html')));
  const ids = browsers.map((_, b) => Array.from({ length: perBrowser }, (_, i) => `${label}-b${b}-${i}`));
  await Promise.all(pages.map((page, b) => Promise.all(ids[b]!.map((id) => sendFrom(page, id, id)))));
  const requests = (await aws_requests(aws)).slice(before);
  const accepted = requests.filter((r) => r.outcome === 'accepted');
  const first = Math.min(...requests.map((r) => Date.parse(r.at)));
  const last = Math.max(...accepted.map((r) => Date.parse(r.at)));
  const seconds = (last - first) / 1000;
  const recipients = accepted.reduce((n, r) => n + r.recipients.length, 0);
  let lost = 0;
  for (let b = 0; b < pages.length; b++) {
    const rows = new Map((await outboxRows(pages[b]!)).map((r) => [r.id, r.state]));
    // The outbox listing is the newest 50: ask the rows themselves for the rest.
    for (const id of ids[b]!) {
      const state = rows.get(id) ?? (await sendFrom(pages[b]!, id, id)).outcome;
      if (state !== 'sent') lost++;
    }
  }
  for (const page of pages) await page.close();
  const achieved = seconds > 0 ? recipients / seconds : 0;
  return {
    achieved_rate: Math.round(achieved * 100) / 100,
    ratio: Math.round((achieved / MAX_SEND_RATE) * 1000) / 1000,
    throttled: requests.filter((r) => r.outcome === 'TooManyRequestsException').length,
    lost,
    seconds: Math.round(seconds * 10) / 10,
  };
}

async function aws_requests(aws: LocalAws) {
  return (await (await fetch(`${aws.url}/_local/requests`)).json()) as Array<{ at: string; outcome: string; recipients: string[] }>;
}

export async function outboxDrain(): Promise<{ name: 'outbox-drain' } & Record<string, unknown>> {
  const aws = await startLocalAws({ port: 0 });
  const browsers: Rampart[] = [];
  try {
    for (let i = 0; i < 2; i++) browsers.push(await launchRampart({ aws }));
    for (const browser of browsers) {
      const page = await browser.openExtensionPage('options.html');
      await allowSends(browser, page, 2 * DRAFTS, { SendQuota: { Max24HourSend: 10 * DRAFTS, MaxSendRate: MAX_SEND_RATE } });
      await page.close();
    }
    const one = await drain(aws, browsers.slice(0, 1), 'one');
    const two = await drain(aws, browsers, 'two');
    return {
      name: 'outbox-drain',
      recipients: DRAFTS,
      max_send_rate: MAX_SEND_RATE,
      achieved_rate: two.achieved_rate,
      ratio: two.ratio,
      throttled: two.throttled,
      lost: two.lost,
      seconds: two.seconds,
      ratio_one_browser: one.ratio,
      achieved_rate_one_browser: one.achieved_rate,
      throttled_one_browser: one.throttled,
      lost_one_browser: one.lost,
      load_average: loadavg().map((n) => Math.round(n * 100) / 100),
      cpus: Number(execFileSync('nproc').toString().trim()),
    };
  } finally {
    for (const browser of browsers) await browser.close();
    await aws.close();
  }
}
