// Delivered mail reaches aws-ses-v2-local, started beside the emulator on port + 1.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { simpleEmail, startHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => (h = await startHarness({ mailViewer: true })), 60_000);
afterAll(() => h.close());

interface Stored {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
}

test('the mail viewer runs on the next port and receives what was delivered, and only that', async () => {
  expect(h.aws.sesLocalUrl).toBe(`http://127.0.0.1:${h.aws.port + 1}`);
  const ses = h.ses();
  await ses.send(new SendEmailCommand(simpleEmail(['ana@prospect.example', 'bounce@simulator.amazonses.com'])));
  await ses.send(new SendEmailCommand(simpleEmail(['suppressionlist@simulator.amazonses.com'])));
  const stored = async () => ((await (await fetch(`${h.aws.sesLocalUrl}/store`)).json()) as { emails: Stored[] }).emails;
  await expect.poll(async () => (await stored()).length).toBe(1);
  expect(await stored()).toEqual([
    expect.objectContaining({
      from: 'Demo SDR <sdr@outbound.example.com>',
      destination: expect.objectContaining({ to: ['ana@prospect.example'] }),
      subject: 'Following up',
    }),
  ]);
  await h.control('POST', '/_local/reset');
  expect(await stored()).toEqual([]);
});
