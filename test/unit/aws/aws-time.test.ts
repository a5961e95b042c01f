// The ramp's day and freezes follow AWS's time: the skew SES's `Date` header shows is kept
// and added to the background's clock, not the local clock alone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { AWS_SKEW_KEY, awsTimeClock, skewChanged, skewFromDateHeader } from '@/lib/aws/aws-time';
import { backgroundClock, keepAwsSkew } from '@/lib/aws/clock';
import { measureAwsTime } from '@/lib/aws/measure-aws-time';
import { localDay } from '@/lib/core/calendar';

const LOCAL = Date.parse('2026-03-10T23:30:00Z');

describe('skewFromDateHeader', () => {
  it.each([
    ['AWS an hour ahead', 'Wed, 11 Mar 2026 00:30:00 GMT', 3_600_000],
    ['AWS a day behind', 'Mon, 09 Mar 2026 23:30:00 GMT', -86_400_000],
    ['within the header’s whole seconds', 'Tue, 10 Mar 2026 23:30:01 GMT', 0],
    ['no header', undefined, undefined],
    ['not a date', 'soon', undefined],
  ] as const)('%s', (_case, header, skew) => {
    expect(skewFromDateHeader(header, LOCAL)).toBe(skew);
  });

  it('keeps a new skew only when it moved past the noise', () => {
    expect(skewChanged(undefined, 0)).toBe(true);
    expect(skewChanged(3_600_000, 3_601_000)).toBe(false);
    expect(skewChanged(3_600_000, 0)).toBe(true);
  });

  it('moves the ramp’s day with AWS’s time, not the local clock', () => {
    const local = () => new Date(LOCAL);
    expect(localDay(local(), 'UTC')).toBe('2026-03-10');
    expect(localDay(awsTimeClock(local, 3_600_000)(), 'UTC')).toBe('2026-03-11');
  });
});

describe('the background’s clock', () => {
  let server: Server;
  let url: string;
  let awsNow = 0;
  beforeEach(async () => {
    fakeBrowser.reset();
    server = createServer((_req, res) => {
      // An SES answer dated by AWS's clock.
      res.setHeader('date', new Date(awsNow).toUTCString());
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"SendQuota":{"Max24HourSend":200,"MaxSendRate":1,"SentLast24Hours":0}}');
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((ok) => server.close(() => ok())));

  // First: the worker keeps the skew it measured for its lifetime.
  it('is the local clock when nothing was measured', async () => {
    const aheadBy = (await backgroundClock())().getTime() - Date.now();
    expect(Math.abs(aheadBy)).toBeLessThan(5_000);
  });

  it('follows the skew measured from an SES response’s Date header', async () => {
    awsNow = Date.now() + 2 * 3_600_000;
    const client = new SESv2Client({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    measureAwsTime(client, keepAwsSkew);
    await client.send(new GetAccountCommand({}));
    await expect
      .poll(async () => (await fakeBrowser.storage.local.get(AWS_SKEW_KEY.replace('local:', '')))[AWS_SKEW_KEY.replace('local:', '')])
      .toBeGreaterThan(7_000_000);
    const clock = await backgroundClock();
    const aheadBy = clock().getTime() - Date.now();
    expect(aheadBy).toBeGreaterThan(2 * 3_600_000 - 5_000);
    expect(aheadBy).toBeLessThan(2 * 3_600_000 + 5_000);
  });
});
