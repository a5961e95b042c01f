import { describe, expect, it } from 'vitest';
import { DRILL_SCENARIOS, DRILL_WAIT_MS, drillAddress, drillMessage, drillReport, type DrillScenario } from '@/lib/feedback/drill';
import type { DrillRecord } from '@/lib/store/records';
import { defaultSettings } from '@/lib/store/settings';

// The fire drill's steps from its record, worked example by worked example: what SES's
// mailbox simulator sends back (SES Developer Guide, "Using the mailbox simulator") and
// what goes wrong on a real account (no event destination, one event type left out, VDM off).

const START = '2026-12-02T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(START) + ms);

type Ev = DrillRecord['events'][number];
const ev = (kind: string, scenario: DrillScenario, extra: Partial<Ev> = {}): Ev => ({
  id: `${kind}-${scenario}`,
  kind,
  address: drillAddress(scenario),
  at: START,
  ...extra,
});
/** Every event the simulator sends back, as lib/feedback/drill-record.ts notes them. */
const ALL_EVENTS: Ev[] = [
  ...DRILL_SCENARIOS.map((s) => ev('Send', s)),
  ev('Delivery', 'success', { counts: 'deliveries' }),
  ev('Delivery', 'complaint', { counts: 'deliveries' }),
  ev('Bounce', 'bounce', { bounceType: 'Permanent', bounceSubType: 'General', counts: 'permanentBounces', suppresses: 'BOUNCE' }),
  ev('Complaint', 'complaint', { counts: 'complaints', suppresses: 'COMPLAINT' }),
  ev('Bounce', 'suppressionlist', { bounceType: 'Permanent', bounceSubType: 'OnAccountSuppressionList', suppresses: 'BOUNCE' }),
];

function run(change: Partial<DrillRecord> = {}): DrillRecord {
  return {
    id: 'd1',
    startedAt: START,
    configurationSet: 'rampart',
    senderTag: 'sdr_40outbound_2eexample_2ecom',
    sends: DRILL_SCENARIOS.map((s, i) => ({ scenario: s, address: drillAddress(s), messageId: `m${i}` })),
    sentAt: START,
    events: ALL_EVENTS,
    vdmEnabled: true,
    ...change,
  };
}

const states = (view: ReturnType<typeof drillReport>) => Object.fromEntries(view.steps.map((s) => [s.name, s.state]));
const detail = (view: ReturnType<typeof drillReport>, name: string) => view.steps.find((s) => s.name === name)!.detail;

describe('drillReport', () => {
  it('passes when every event is back, would suppress and count as real ones do, and VDM is on', () => {
    const view = drillReport(run(), at(20_000));
    expect(view.state).toBe('passed');
    expect(states(view)).toEqual({ send: 'passed', events: 'passed', suppression: 'passed', counts: 'passed', vdm: 'passed' });
    // suppressionlist@ aside: its bounce's subtype decides whether it counts, and SES does not document it.
    expect(detail(view, 'counts').params).toEqual({ sent: 3, deliveries: 2, bounces: 1, complaints: 1 });
    expect(detail(view, 'suppression').params.addresses).toBe(
      'bounce@simulator.amazonses.com, complaint@simulator.amazonses.com, suppressionlist@simulator.amazonses.com',
    );
  });

  it('waits for the events before its deadline, naming what has not come back', () => {
    const view = drillReport(run({ events: ALL_EVENTS.filter((e) => e.kind !== 'Complaint') }), at(30_000));
    expect(view.state).toBe('running');
    expect(states(view)).toMatchObject({ events: 'waiting', suppression: 'waiting', counts: 'waiting' });
    expect(detail(view, 'events')).toEqual({ key: 'waiting', params: { missing: 'Complaint (complaint@)', seconds: 30, limit: 300 } });
  });

  it('fails the events step when nothing came back by the deadline: the event destination or the filter', () => {
    const view = drillReport(run({ events: [] }), at(DRILL_WAIT_MS));
    expect(view.state).toBe('failed');
    expect(states(view)).toMatchObject({ send: 'passed', events: 'failed', suppression: 'failed', counts: 'failed' });
    expect(detail(view, 'events')).toEqual({
      key: 'no-events',
      params: { set: 'rampart', tag: 'sdr_40outbound_2eexample_2ecom', minutes: 5 },
    });
  });

  it('names the event types the destination leaves out', () => {
    const view = drillReport(
      run({ events: ALL_EVENTS.filter((e) => e.kind !== 'Bounce' && e.kind !== 'Complaint') }),
      at(DRILL_WAIT_MS + 1),
    );
    expect(detail(view, 'events')).toEqual({ key: 'missing-events', params: { set: 'rampart', types: 'BOUNCE, COMPLAINT' } });
  });

  it('fails the send step with SES’s reason, and expects no event of a refused message', () => {
    const sends = run().sends.map((s) =>
      s.scenario === 'bounce'
        ? { scenario: s.scenario, address: s.address, error: { code: 'refused', message: 'Email address is not verified.' } }
        : s,
    );
    const view = drillReport(run({ sends, events: ALL_EVENTS.filter((e) => !e.address.startsWith('bounce@')) }), at(10_000));
    expect(states(view)).toMatchObject({ send: 'failed', events: 'passed' });
    expect(detail(view, 'send').params).toEqual({ address: 'bounce@simulator.amazonses.com', reason: 'Email address is not verified.' });
    expect(detail(view, 'counts').params).toEqual({ sent: 2, deliveries: 2, bounces: 0, complaints: 1 });
  });

  it('fails the suppression step when the bounce comes back as one Rampart would not suppress', () => {
    const events = ALL_EVENTS.map((e) =>
      e.id === 'Bounce-bounce' ? { ...e, bounceType: 'Transient', counts: 'transientBounces', suppresses: undefined } : e,
    );
    const view = drillReport(run({ events }), at(10_000));
    expect(states(view)).toMatchObject({ suppression: 'failed', counts: 'failed' });
    expect(detail(view, 'suppression').params).toEqual({ address: 'bounce@simulator.amazonses.com', came: 'Bounce' });
  });

  it('fails the VDM step when VDM is off, or could not be read', () => {
    expect(detail(drillReport(run({ vdmEnabled: false }), at(10_000)), 'vdm').key).toBe('vdm-off');
    const unread = drillReport(run({ vdmEnabled: undefined, accountError: { code: 'x', message: 'Access denied.' } }), at(10_000));
    expect(states(unread).vdm).toBe('failed');
    expect(detail(unread, 'vdm').params.reason).toBe('Access denied.');
  });

  it('is still sending before the sends are all made, and interrupted when they never were', () => {
    const sending = run({ sentAt: undefined, sends: [], events: [], vdmEnabled: undefined });
    const view = drillReport(sending, at(10_000));
    expect(view.state).toBe('running');
    expect(states(view)).toMatchObject({ send: 'waiting', events: 'waiting', vdm: 'waiting' });
    // The worker stopped mid-drill: failed, so the lead can run another.
    const stopped = drillReport(sending, at(DRILL_WAIT_MS));
    expect(stopped.state).toBe('failed');
    expect(detail(stopped, 'send')).toEqual({ key: 'interrupted', params: { sent: 0, of: 4 } });
  });

  it('counts the events’ wait from the last send, not from the start', () => {
    const slow = run({ sentAt: at(DRILL_WAIT_MS - 1_000).toISOString(), events: ALL_EVENTS.filter((e) => e.kind === 'Send') });
    expect(drillReport(slow, at(DRILL_WAIT_MS + 1_000)).state).toBe('running');
    expect(drillReport(slow, at(2 * DRILL_WAIT_MS)).state).toBe('failed');
  });

  it('passes whichever way SES counts the bounce of suppressionlist@', () => {
    const events = ALL_EVENTS.map((e) =>
      e.id === 'Bounce-suppressionlist' ? { ...e, bounceSubType: 'Suppressed', counts: 'permanentBounces' } : e,
    );
    expect(drillReport(run({ events }), at(10_000)).state).toBe('passed');
  });

  it('takes an account whose GetAccount says nothing of VDM as VDM off', () => {
    expect(detail(drillReport(run({ vdmEnabled: undefined }), at(10_000)), 'vdm').key).toBe('vdm-off');
  });
});

describe('drillMessage', () => {
  it('is one message to the simulator address, with the sender tag, the configuration set and the drill tag, and no outbox tag', () => {
    const settings = { ...defaultSettings, senderTag: '', fromAddress: 'sdr@outbound.example.com', configurationSet: 'rampart' };
    const input = drillMessage('bounce', 'd1', settings);
    expect(input.Destination).toEqual({ ToAddresses: ['bounce@simulator.amazonses.com'], CcAddresses: [], BccAddresses: [] });
    expect(input.ConfigurationSetName).toBe('rampart');
    expect(input.EmailTags).toEqual([
      { Name: 'sender', Value: 'sdr_40outbound_2eexample_2ecom' },
      { Name: 'drill', Value: 'd1' },
    ]);
  });
});
