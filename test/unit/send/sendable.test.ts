import { describe, expect, it } from 'vitest';
import type { Address, Draft } from '@/lib/core/draft';
import { SES_MAX_MESSAGE_BYTES, unsendable } from '@/lib/send/sendable';
import { draftOf } from '../../support/builders';

const from: Address = { email: 'sdr@outbound.example.com', name: 'Demo SDR' };

const draft = (patch: Partial<Draft> = {}): Draft => draftOf({ kind: 'inline', html: '', ...patch });

// Each case: the draft (or From, or size) and the finding codes it must produce, in order.
const cases: Array<{ name: string; draft?: Draft; from?: Address; bytes?: number; codes: string[] }> = [
  { name: 'a plain draft', codes: [] },
  {
    name: 'a display name with a comma and quotes',
    draft: draft({ to: [{ email: 'ana@prospect.example', name: 'Doe, "Ana"' }] }),
    codes: [],
  },
  { name: 'a non-ASCII display name', draft: draft({ to: [{ email: 'zoe@prospect.example', name: 'Zoë Ñúñez' }] }), codes: [] },
  { name: 'plus addressing and subdomains', draft: draft({ to: [{ email: 'a.b+tag@mail.prospect.co.uk' }] }), codes: [] },
  { name: 'no recipients', draft: draft({ to: [] }), codes: ['no-recipients'] },
  { name: 'only a Bcc recipient', draft: draft({ to: [], bcc: [{ email: 'x@prospect.example' }] }), codes: [] },
  { name: 'no @', draft: draft({ to: [{ email: 'ana.prospect.example' }] }), codes: ['invalid-address'] },
  { name: 'two @', draft: draft({ cc: [{ email: 'ana@@prospect.example' }] }), codes: ['invalid-address'] },
  { name: 'a domain without a dot', draft: draft({ to: [{ email: 'ana@localhost' }] }), codes: ['invalid-address'] },
  { name: 'a space inside', draft: draft({ to: [{ email: 'ana maria@prospect.example' }] }), codes: ['invalid-address'] },
  { name: 'a quoted local part', draft: draft({ to: [{ email: '"ana"@prospect.example' }] }), codes: ['invalid-address'] },
  { name: 'a double dot', draft: draft({ to: [{ email: 'ana..b@prospect.example' }] }), codes: ['invalid-address'] },
  { name: 'an IP literal', draft: draft({ to: [{ email: 'ana@[10.0.0.1]' }] }), codes: ['invalid-address'] },
  {
    name: 'a CRLF in an address',
    draft: draft({ to: [{ email: 'ana@prospect.example\r\nBcc: all@x.example' }] }),
    codes: ['header-injection'],
  },
  {
    name: 'a LF in a display name',
    draft: draft({ bcc: [{ email: 'ana@prospect.example', name: 'Ana\nBcc: x@y.example' }] }),
    codes: ['header-injection'],
  },
  { name: 'a CR in the subject', draft: draft({ subject: 'Hi\rBcc: x@y.example' }), codes: ['header-injection'] },
  { name: 'a tab-free control character in the subject', draft: draft({ subject: 'Hi\u0007' }), codes: ['invalid-subject'] },
  {
    name: 'a LF in the From name',
    from: { email: 'sdr@outbound.example.com', name: 'SDR\nBcc: x@y.example' },
    codes: ['header-injection'],
  },
  { name: 'a malformed From', from: { email: 'sdr@outbound' }, codes: ['invalid-from-address'] },
  { name: 'attachments', draft: draft({ hasAttachments: true }), codes: ['attachments'] },
  { name: 'an unreadable body', draft: draft({ unreadable: ['body', 'recipients'] }), codes: ['draft-unreadable'] },
  { name: 'exactly 40 MB', bytes: SES_MAX_MESSAGE_BYTES, codes: [] },
  { name: 'one byte over 40 MB', bytes: SES_MAX_MESSAGE_BYTES + 1, codes: ['too-large'] },
  {
    name: 'the same bad address twice is said once',
    draft: draft({ to: [{ email: 'bad@' }], cc: [{ email: 'BAD@' }] }),
    codes: ['invalid-address'],
  },
  {
    name: 'several problems at once, in reading order',
    draft: draft({ to: [], hasAttachments: true, subject: 'a\nb', unreadable: ['body'] }),
    bytes: SES_MAX_MESSAGE_BYTES * 2,
    codes: ['draft-unreadable', 'attachments', 'no-recipients', 'header-injection', 'too-large'],
  },
];

describe('unsendable', () => {
  it.each(cases)('$name', ({ draft: d = draft(), from: f = from, bytes = 10_000, codes }) => {
    const findings = unsendable(d, f, bytes);
    expect(findings.map((x) => x.code)).toEqual(codes);
    for (const finding of findings) {
      expect(finding.severity).toBe('block');
      // One line, a full sentence: control characters are shown escaped, never raw.
      expect(finding.message).not.toMatch(/[\r\n]/);
      expect(finding.message).toMatch(/^[A-Z“].*[.]$/);
    }
  });

  it('names the recipient a finding is about', () => {
    const [finding] = unsendable(draft({ cc: [{ email: 'ana@@prospect.example' }] }), from, 1);
    expect(finding?.recipient).toBe('ana@@prospect.example');
    expect(finding?.message).toContain('ana@@prospect.example');
  });

  it('says attachments are refused, not dropped', () => {
    const [finding] = unsendable(draft({ hasAttachments: true }), from, 1);
    expect(finding?.message).toMatch(/can’t send attachments/);
  });

  it('gives the size and the limit in MB', () => {
    const [finding] = unsendable(draft(), from, 50 * 1024 * 1024);
    expect(finding?.message).toBe('This message is 50.0 MB; SES sends at most 40.0 MB.');
  });
});
