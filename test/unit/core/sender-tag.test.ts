import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feedbackQueueName } from '@/lib/feedback/queue';
import { buildSendEmail } from '@/lib/aws/message';
import { isTagValue, senderTag, senderTagOf } from '@/lib/core/sender-tag';
import { settingsSchema } from '@/lib/store/settings';
import { demoSettings } from '../../support/builders';

// Settings whose tag comes from the From address.
const settings = { ...demoSettings, senderTag: '' };

// The `sender` tag SES accepts (ASCII letters, digits, `_`, `-`, at most 256 characters,
// SES API reference, MessageTag) and the SQS queue name it gives (at most 80).
const SES_TAG = /^[A-Za-z0-9_-]{1,256}$/;
const SQS_NAME = /^[A-Za-z0-9_-]{1,80}$/;

describe('the sender tag of a From address', () => {
  it.each([
    ['sdr@outbound.example.com', 'sdr_40outbound_2eexample_2ecom'],
    ['ana@outbound.acme.com', 'ana_40outbound_2eacme_2ecom'],
    ['Ana.Doe@Outbound.Example.com', 'ana_2edoe_40outbound_2eexample_2ecom'],
    ['  sdr@outbound.example.com ', 'sdr_40outbound_2eexample_2ecom'],
    ['Demo SDR <sdr@outbound.example.com>', 'sdr_40outbound_2eexample_2ecom'],
    ['ana+q4@x.io', 'ana_2bq4_40x_2eio'],
    ['a_b@x.io', 'a_5fb_40x_2eio'],
    ['first-last@x.io', 'first-last_40x_2eio'],
    ['josé@x.io', 'jos_c3_a9_40x_2eio'],
    ['用户@例子.cn', '_e7_94_a8_e6_88_b7_40_e4_be_8b_e5_ad_90_2ecn'],
  ])('%s → %s', (address, tag) => {
    expect(senderTag(address)).toBe(tag);
    expect(tag).toMatch(SES_TAG);
  });

  it('never gives two addresses one tag, however they are spelled', () => {
    const addresses = [
      'a.b@x.io',
      'a_2eb@x.io',
      'a_b@x.io',
      'a-b@x.io',
      'a+b@x.io',
      'a_2bb@x.io',
      'ab@x.io',
      'a@b.x.io',
      'a.b@xio',
      'a_40b@x.io',
      'é@x.io',
      '_c3_a9@x.io',
      'e@x.io',
    ];
    const tags = addresses.map(senderTag);
    expect(new Set(tags).size).toBe(addresses.length);
    // Upper and lower case are one address (SES keys identities case-insensitively): one tag.
    expect(senderTag('A.B@X.IO')).toBe(senderTag('a.b@x.io'));
  });

  it('keeps an explicit tag set by the lead, else derives one from the From', () => {
    expect(senderTagOf({ senderTag: 'team-east_1', fromAddress: 'sdr@outbound.example.com' })).toBe('team-east_1');
    expect(senderTagOf({ senderTag: '', fromAddress: 'sdr@outbound.example.com' })).toBe('sdr_40outbound_2eexample_2ecom');
    // A set tag SES would refuse never goes out (the settings refuse it; this is the last guard).
    expect(senderTagOf({ senderTag: 'sdr@outbound.example.com', fromAddress: 'sdr@outbound.example.com' })).toBe(
      'sdr_40outbound_2eexample_2ecom',
    );
    expect(buildSendEmail({ ...emptyDraft }, settings).EmailTags).toEqual([{ Name: 'sender', Value: 'sdr_40outbound_2eexample_2ecom' }]);
  });

  it('is what SES accepts for every address the settings accept', () => {
    for (const address of ['x@y.z', 'a"b@y.z', "o'brien@y.z", `${'é'.repeat(20)}@y.z`, 'a!#$%&*/=?^`{|}~@y.z']) {
      expect(settingsSchema.shape.fromAddress.safeParse(address).success).toBe(true);
      expect(senderTag(address)).toMatch(SES_TAG);
    }
  });
});

describe('settings: the tag and the From SES can carry', () => {
  it('refuses an explicit tag SES would refuse, with a sentence', () => {
    for (const tag of ['sdr@outbound.example.com', 'a.b', 'has space', 'é', 'x'.repeat(257)]) {
      const parsed = settingsSchema.safeParse({ ...settings, senderTag: tag });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({
        path: ['senderTag'],
        message: expect.stringMatching(/letters, digits, _ and -.*256.*SES/),
      });
    }
    for (const tag of ['', 'team-east_1', 'A'.repeat(256)])
      expect(settingsSchema.safeParse({ ...settings, senderTag: tag }).success).toBe(true);
    expect(isTagValue('x'.repeat(256))).toBe(true);
  });

  it('refuses a From whose tag would pass 256 characters, with a sentence', () => {
    // Each `.` takes three characters of the tag.
    const fits = `${'a.'.repeat(42)}@x.io`;
    const tooLong = `${'a.'.repeat(80)}a@x.io`;
    expect(senderTag(fits).length).toBeLessThanOrEqual(256);
    expect(settingsSchema.safeParse({ ...settings, fromAddress: fits }).success).toBe(true);
    expect(senderTag(tooLong).length).toBeGreaterThan(256);
    const parsed = settingsSchema.safeParse({ ...settings, fromAddress: tooLong });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ['fromAddress'], message: expect.stringMatching(/shorter address.*256/) });
  });
});

describe('the feedback queue of a tag', () => {
  const hashed = (tag: string) =>
    `rampart-events-${tag.slice(0, 40)}-${createHash('sha256').update(tag, 'utf8').digest('hex').slice(0, 24)}`;

  it.each([
    ['sdr_40outbound_2eexample_2ecom', 'rampart-events-sdr_40outbound_2eexample_2ecom'],
    ['team-east_1', 'rampart-events-team-east_1'],
    ['x'.repeat(65), `rampart-events-${'x'.repeat(65)}`],
  ])('%s → %s', async (tag, name) => {
    expect(await feedbackQueueName(tag)).toBe(name);
  });

  it('cuts a tag past 65 characters to 40 and the first 24 hex digits of its SHA-256: 80 characters', async () => {
    for (const tag of ['x'.repeat(66), 'y'.repeat(256), senderTag(`${'long.name.'.repeat(8)}@outbound.example.com`)]) {
      const name = await feedbackQueueName(tag);
      expect(name).toBe(hashed(tag));
      expect(name).toHaveLength(80);
      expect(name).toMatch(SQS_NAME);
    }
  });

  it('keeps two long tags that start alike apart', async () => {
    const a = senderTag(`${'a'.repeat(50)}.one@outbound.example.com`);
    const b = senderTag(`${'a'.repeat(50)}.two@outbound.example.com`);
    expect(a.slice(0, 40)).toBe(b.slice(0, 40));
    expect(await feedbackQueueName(a)).not.toBe(await feedbackQueueName(b));
  });
});

const emptyDraft = {
  composeId: 'c',
  kind: 'popout' as const,
  from: null,
  to: [{ email: 'ana@prospect.example' }],
  cc: [],
  bcc: [],
  subject: 'Hi',
  html: '',
  text: 'Hi',
  hasAttachments: false,
  isReply: false,
  unreadable: [],
};
