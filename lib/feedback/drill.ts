import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Draft } from '@/lib/core/draft';
import type { UserError } from '@/lib/core/errors';
import { senderTagOf } from '@/lib/core/sender-tag';
import { db, type RampartDb } from '@/lib/store/db';
import { readRecord, writeRecord, type DrillRecord } from '@/lib/store/records';
import { isConfigured, loadSettings, type Settings } from '@/lib/store/settings';
import { backgroundClock } from '@/lib/aws/clock';
import { awsClients } from '@/lib/aws/client';
import { describeError, RampartError } from '@/lib/aws/errors';
import { buildSendEmail } from '@/lib/aws/message';
import { sendEmail } from '@/lib/aws/send';
import { syncAccountSettings } from '@/lib/account/account-settings';
import { DRILL_KEY, updateDrill } from './drill-record';
import type { FeedbackKind } from './event';
import { noteRecentSend } from './schedule';

// The fire drill: the lead proves the whole feedback loop on the real account without
// touching its reputation. One message to each of SES's mailbox simulator addresses
// (they count neither in the daily quota nor in reputation, and are never put on the
// suppression list), each tagged `drill`; then each step is ticked or failed with what
// to fix: SES accepted them, every event came back through this sender's queue, the
// events would suppress and count as real ones do (the same rules, lib/feedback/effects.ts),
// and VDM counts the account's sends. A drill's events are noted on the drill only
// (lib/feedback/apply.ts): no ledger row, day count, suppression or share, so a second
// drill runs like the first.

export type DrillScenario = 'success' | 'bounce' | 'complaint' | 'suppressionlist';
export const DRILL_SCENARIOS: readonly DrillScenario[] = ['success', 'bounce', 'complaint', 'suppressionlist'];
export const drillAddress = (scenario: DrillScenario) => `${scenario}@simulator.amazonses.com`;
/** The message tag that marks a drill's message; its value is the drill's id. */
export const DRILL_TAG = 'drill';
/** How long the events may take: SES publishes within seconds, SNS and SQS add little. */
export const DRILL_WAIT_MS = 5 * 60_000;

/** What SES's mailbox simulator answers each address with (SES Developer Guide). */
const EXPECTED_EVENTS: Record<DrillScenario, FeedbackKind[]> = {
  success: ['Send', 'Delivery'],
  bounce: ['Send', 'Bounce'],
  complaint: ['Send', 'Delivery', 'Complaint'],
  suppressionlist: ['Send', 'Bounce'],
};
/** What applying those events for real suppresses. */
const EXPECTED_SUPPRESSION: Record<DrillScenario, string | undefined> = {
  success: undefined,
  bounce: 'BOUNCE',
  complaint: 'COMPLAINT',
  suppressionlist: 'BOUNCE',
};
/** SES's names of the event types, as a configuration set's event destination lists them. */
const SES_EVENT_TYPE: Partial<Record<FeedbackKind, string>> = {
  Send: 'SEND',
  Delivery: 'DELIVERY',
  Bounce: 'BOUNCE',
  Complaint: 'COMPLAINT',
};

export type DrillStepName = 'send' | 'events' | 'suppression' | 'counts' | 'vdm';
export type DrillStepState = 'passed' | 'failed' | 'waiting';
/** A step's sentence: a key of lib/i18n/drill and its placeholders. */
export interface DrillDetail {
  key: DrillDetailKey;
  params: Record<string, string | number>;
}
export type DrillDetailKey =
  | 'sent'
  | 'sending'
  | 'send-refused'
  | 'interrupted'
  | 'events'
  | 'waiting'
  | 'no-events'
  | 'missing-events'
  | 'nothing-sent'
  | 'suppressed'
  | 'not-suppressed'
  | 'after-events'
  | 'counted'
  | 'miscounted'
  | 'vdm-on'
  | 'vdm-off'
  | 'vdm-unknown';
export interface DrillStep {
  name: DrillStepName;
  state: DrillStepState;
  detail: DrillDetail;
}
export interface DrillView {
  id: string;
  startedAt: string;
  state: 'running' | 'passed' | 'failed';
  steps: DrillStep[];
}

const step = (name: DrillStepName, state: DrillStepState, key: DrillDetailKey, params: DrillDetail['params'] = {}): DrillStep => ({
  name,
  state,
  detail: { key, params },
});

const scenarioOf = (address: string): DrillScenario | undefined =>
  DRILL_SCENARIOS.find((scenario) => drillAddress(scenario) === address.toLowerCase());

/** The drill's steps as its record and the time make them: pure, so each worked example is a table row. */
export function drillReport(run: DrillRecord, now: Date): DrillView {
  // The events' wait counts from the last send: sends slowed by the rate do not eat it.
  const sent = run.sentAt !== undefined;
  const waited = now.getTime() - Date.parse(run.sentAt ?? run.startedAt);
  const overdue = waited >= DRILL_WAIT_MS;
  const accepted = DRILL_SCENARIOS.filter((scenario) => run.sends.some((s) => s.scenario === scenario && s.messageId));
  const refused = run.sends.find((s) => s.error);
  const steps: DrillStep[] = [];

  // 1. SES accepted the messages. Still sending after the whole wait: the worker stopped mid-drill.
  const interrupted = !sent && overdue;
  if (refused) steps.push(step('send', 'failed', 'send-refused', { address: refused.address, reason: refused.error!.message }));
  else if (interrupted) steps.push(step('send', 'failed', 'interrupted', { sent: accepted.length, of: DRILL_SCENARIOS.length }));
  else if (!sent) steps.push(step('send', 'waiting', 'sending', { sent: accepted.length, of: DRILL_SCENARIOS.length }));
  else steps.push(step('send', 'passed', 'sent', { count: accepted.length }));

  // 2. Every event came back through the queue.
  const arrived = (scenario: DrillScenario, kind: FeedbackKind) =>
    run.events.some((e) => e.kind === kind && scenarioOf(e.address) === scenario);
  const missing = accepted.flatMap((scenario) =>
    EXPECTED_EVENTS[scenario].filter((kind) => !arrived(scenario, kind)).map((kind) => ({ scenario, kind })),
  );
  const eventsDone = sent && missing.length === 0 && accepted.length > 0;
  if (interrupted) steps.push(step('events', 'failed', 'after-events'));
  else if (sent && accepted.length === 0) steps.push(step('events', 'failed', 'nothing-sent'));
  else if (eventsDone) steps.push(step('events', 'passed', 'events', { count: run.events.length }));
  else if (!overdue || !sent) {
    steps.push(
      step('events', 'waiting', 'waiting', {
        missing: missing.map((m) => `${m.kind} (${m.scenario}@)`).join(', '),
        seconds: Math.max(0, Math.round(waited / 1000)),
        limit: DRILL_WAIT_MS / 1000,
      }),
    );
  } else if (run.events.length === 0) {
    steps.push(step('events', 'failed', 'no-events', { set: run.configurationSet, tag: run.senderTag, minutes: DRILL_WAIT_MS / 60_000 }));
  } else {
    const types = [...new Set(missing.map((m) => SES_EVENT_TYPE[m.kind] ?? m.kind))].join(', ');
    steps.push(step('events', 'failed', 'missing-events', { set: run.configurationSet, types }));
  }
  const eventsState = steps[1]!.state;

  // 3. The bounce and the complaint would suppress their address; the delivery would not.
  const wrong = accepted.flatMap((scenario) => {
    const found = run.events.filter((e) => scenarioOf(e.address) === scenario && e.suppresses).map((e) => e.suppresses);
    const expected = EXPECTED_SUPPRESSION[scenario];
    const kinds = run.events.filter((e) => scenarioOf(e.address) === scenario && e.kind !== 'Send').map((e) => e.kind);
    if (expected ? found.includes(expected) : found.length === 0) return [];
    // Not come back yet: the events step says so.
    if (expected && !kinds.some((kind) => kind === 'Bounce' || kind === 'Complaint')) return [];
    return [{ address: drillAddress(scenario), came: kinds.join(', ') || '-' }];
  });
  const suppressing = accepted.filter((scenario) => EXPECTED_SUPPRESSION[scenario]).map(drillAddress);
  if (wrong.length > 0) steps.push(step('suppression', 'failed', 'not-suppressed', wrong[0]!));
  else if (eventsState === 'passed') steps.push(step('suppression', 'passed', 'suppressed', { addresses: suppressing.join(', ') }));
  else steps.push(step('suppression', eventsState === 'failed' ? 'failed' : 'waiting', 'after-events'));

  // 4. The ledger-and-events source would count them: sends, deliveries, hard bounces,
  // complaints. `suppressionlist@` is left out: SES documents its bounce as one "as if the
  // address were on the global suppression list", and whether that counts depends on its
  // subtype, which SES does not document.
  const counted: DrillScenario[] = accepted.filter((scenario) => scenario !== 'suppressionlist');
  const of = (what: string) => run.events.filter((e) => e.counts === what && counted.includes(scenarioOf(e.address)!)).length;
  const got = {
    sent: run.events.filter((e) => e.kind === 'Send' && counted.includes(scenarioOf(e.address)!)).length,
    deliveries: of('deliveries'),
    bounces: of('permanentBounces'),
    complaints: of('complaints'),
  };
  const expect = {
    sent: counted.length,
    deliveries: counted.filter((s) => EXPECTED_EVENTS[s].includes('Delivery')).length,
    bounces: counted.filter((s) => s === 'bounce').length,
    complaints: counted.filter((s) => s === 'complaint').length,
  };
  const line = (c: typeof got) => `${c.sent} / ${c.deliveries} / ${c.bounces} / ${c.complaints}`;
  if (eventsState === 'passed' && line(got) === line(expect) && of('transientBounces') === 0)
    steps.push(step('counts', 'passed', 'counted', got));
  else if (eventsState === 'passed') steps.push(step('counts', 'failed', 'miscounted', { got: line(got), expected: line(expect) }));
  else steps.push(step('counts', eventsState === 'failed' ? 'failed' : 'waiting', 'after-events'));

  // 5. VDM: the popup's rates are the account's only when it is on.
  // GetAccount leaves VdmAttributes out on an account where VDM was never set up: off.
  if (run.vdmEnabled === true) steps.push(step('vdm', 'passed', 'vdm-on'));
  else if (run.accountError) steps.push(step('vdm', 'failed', 'vdm-unknown', { reason: run.accountError.message }));
  else if (sent || interrupted) steps.push(step('vdm', 'failed', 'vdm-off'));
  else steps.push(step('vdm', 'waiting', 'vdm-unknown', { reason: '' }));

  const state = steps.some((s) => s.state === 'failed') ? 'failed' : steps.some((s) => s.state === 'waiting') ? 'running' : 'passed';
  return { id: run.id, startedAt: run.startedAt, state, steps };
}

/** One drill message, to `scenario`'s simulator address: the SDR's From, configuration set and sender tag, plus `drill`. */
export function drillMessage(scenario: DrillScenario, id: string, settings: Settings): SendEmailCommandInput {
  const draft: Draft = {
    composeId: `drill-${id}`,
    kind: 'popout',
    from: null,
    to: [{ email: drillAddress(scenario) }],
    cc: [],
    bcc: [],
    subject: `Rampart fire drill (${scenario})`,
    html: '',
    text: 'A test of Rampart’s feedback loop, sent to SES’s mailbox simulator. It counts neither in the quota nor in reputation.',
    hasAttachments: false,
    isReply: false,
    unreadable: [],
  };
  const input = buildSendEmail(draft, settings);
  input.EmailTags = [...(input.EmailTags ?? []), { Name: DRILL_TAG, Value: id }];
  return input;
}

/** The `startDrill` message: send the drill's messages, then let the feedback poll bring the events back. */
export async function handleStartDrill(database: RampartDb = db()): Promise<DrillView> {
  const settings = await loadSettings();
  if (!isConfigured(settings))
    throw new RampartError('not-configured', 'Set Rampart up first: the drill sends through the configured SES account.');
  const clients = awsClients(settings);
  const now = await backgroundClock();
  const id = `d${now().getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const run: DrillRecord = {
    id,
    startedAt: now().toISOString(),
    configurationSet: settings.configurationSet,
    senderTag: senderTagOf(settings),
    sends: [],
    events: [],
  };
  // One drill at a time: a second would overwrite the first's record while its sends go out.
  await database.transaction('rw', database.kv, async () => {
    const current = await readRecord(DRILL_KEY, database);
    if (current && drillReport(current, now()).state === 'running') {
      throw new RampartError('drill-running', `A fire drill is already running (started ${current.startedAt}): wait for its result.`);
    }
    await writeRecord(DRILL_KEY, run, now(), database);
  });
  // The events arrive within seconds: long polls from now on, as after any send.
  await noteRecentSend();
  let vdmEnabled: boolean | undefined;
  let accountError: UserError | undefined;
  try {
    vdmEnabled = (await syncAccountSettings(clients.sesRead, now(), database)).vdmEnabled;
  } catch (error) {
    accountError = describeError(error);
  }
  for (const scenario of DRILL_SCENARIOS) {
    const outcome = await sendEmail(clients.sesSend, clients.credentials, drillMessage(scenario, id, settings));
    await updateDrill(
      id,
      (latest) => {
        latest.sends.push({
          scenario,
          address: drillAddress(scenario),
          ...(outcome.outcome === 'sent' ? { messageId: outcome.messageId } : { error: outcome.error }),
        });
      },
      now(),
      database,
    );
  }
  await updateDrill(
    id,
    (latest) => {
      latest.sentAt = now().toISOString();
      if (vdmEnabled !== undefined) latest.vdmEnabled = vdmEnabled;
      if (accountError) latest.accountError = accountError;
    },
    now(),
    database,
  );
  const latest = await readRecord(DRILL_KEY, database);
  return drillReport(latest?.id === id ? latest : run, now());
}

/** The `drillStatus` message: the last drill's steps now, or null before the first. */
export async function handleDrillStatus(database: RampartDb = db()): Promise<DrillView | null> {
  const run = await readRecord(DRILL_KEY, database);
  if (!run) return null;
  return drillReport(run, (await backgroundClock())());
}
