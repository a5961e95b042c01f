import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readDraft } from '@/entrypoints/gmail.content/inbox/gmail/read-draft';
import { unsendable } from '@/lib/send/sendable';
import { FUZZ_RUNS, reportCases } from './runs';

// Gmail's compose markup, mutated: chips with and without a readable address, chips
// nested in chips, fields and parts missing, text typed and not yet a chip, either
// recipient UI. Reading it never throws; every recipient read is an address that was in
// a chip; and a draft with a chip Rampart could not read is never sendable through SES
// (it is `unreadable`, which the send refuses), so no recipient is silently dropped.

interface Chip {
  email: string;
  name?: string;
  nestedIn?: boolean;
}

const readable = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), fc.constantFrom('prospect.example', 'acme.example', 'b.co'))
  .map(([l, d]) => `${l}@${d}`);
const unreadableText = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('@')),
  fc.constant('Pat Prospect'),
);
const chip: fc.Arbitrary<Chip> = fc.record(
  {
    email: fc.oneof({ weight: 4, arbitrary: readable }, { weight: 1, arbitrary: unreadableText }),
    name: fc.string({ maxLength: 10 }),
    nestedIn: fc.boolean(),
  },
  { requiredKeys: ['email'] },
);

const compose = fc.record({
  ui: fc.constantFrom('current', 'older'),
  to: fc.array(chip, { maxLength: 4 }),
  cc: fc.array(chip, { maxLength: 2 }),
  bcc: fc.array(chip, { maxLength: 2 }),
  typing: fc.constantFrom('', '', 'half@', 'someone'),
  subject: fc.option(fc.string({ maxLength: 20 })),
  body: fc.boolean(),
  listbox: fc.boolean(),
  extraWrappers: fc.nat({ max: 3 }),
});
type Spec = typeof compose extends fc.Arbitrary<infer T> ? T : never;

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function currentField(field: string, chips: Chip[], spec: Spec): string {
  let options = '';
  for (const c of chips) {
    const option = `<div role="option" ${c.email ? `data-hovercard-id="${attr(c.email)}"` : ''} ${c.name ? `data-name="${attr(c.name)}"` : ''}><span>${attr(c.name ?? c.email)}</span></div>`;
    // Nesting: the chip wrapped in a second option-like span, as Gmail's richer chips do.
    options += c.nestedIn ? `<div class="afV"><span>${option}</span></div>` : option;
  }
  const typing = field === 'to' ? `<input peoplekit-id="BbVjBd" value="${attr(spec.typing)}">` : '';
  return `<div name="${field}">${spec.listbox ? `<div role="listbox">${options}</div>` : options}${typing}</div>`;
}

function olderField(field: string, chips: Chip[], spec: Spec): string {
  const inputs = chips
    .map(
      (c) => `<span class="vR"><input type="hidden" name="${field}" value="${attr(c.name ? `${c.name} <${c.email}>` : c.email)}"></span>`,
    )
    .join('');
  return `${inputs}${field === 'to' ? `<textarea name="to">${attr(spec.typing)}</textarea>` : ''}`;
}

function markup(spec: Spec): string {
  const fields = (['to', 'cc', 'bcc'] as const)
    .map((f) => (spec.ui === 'current' ? currentField(f, spec[f], spec) : olderField(f, spec[f], spec)))
    .join('');
  let form = `<form><input name="composeid" value="c1">${fields}${spec.subject === null ? '' : `<input name="subjectbox" value="${attr(spec.subject)}">`}</form>`;
  for (let i = 0; i < spec.extraWrappers; i++) form = `<div>${form}</div>`;
  const body = spec.body ? '<div class="Ap"><div g_editable="true" contenteditable="true"><div>Hello</div></div></div>' : '';
  return `<div class="M9" role="dialog">${form}${body}</div>`;
}

beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

describe('the Gmail adapter under mutated compose markup', () => {
  it('never throws, reads only chips’ addresses, and never lets an unreadable chip through to SES', () => {
    let cases = 0;
    fc.assert(
      fc.property(compose, (spec) => {
        cases++;
        const { document } = parseHTML(`<!doctype html><html><body>${markup(spec)}</body></html>`);
        const element = document.querySelector('.M9') as unknown as HTMLElement;
        const draft = readDraft({ element, kind: 'popout', composeId: 'c1' }, 'check');
        const read = [...draft.to, ...draft.cc, ...draft.bcc].map((a) => a.email);
        const written = [...spec.to, ...spec.cc, ...spec.bcc].map((c) => c.email);
        for (const email of read) {
          expect(email).toMatch(/@/);
          expect(written).toContain(email);
        }
        const anyUnreadable = written.some((email) => !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email));
        const lost = written.filter((email) => !read.includes(email));
        // What was written but not read is either flagged or was not a chip Rampart could see.
        if (anyUnreadable || (lost.length > 0 && spec.listbox)) {
          const blocked = unsendable(draft, { email: 'sdr@outbound.example.com' }, 0).some((f) => f.severity === 'block');
          expect(blocked).toBe(true);
        }
        if (spec.subject === null) expect(draft.unreadable).toContain('subject');
        if (!spec.body) expect(draft.unreadable).toContain('body');
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    reportCases('Gmail compose markup', cases);
  }, 120_000);
});
