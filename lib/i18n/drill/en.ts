// The fire drill's sentences (options, components/options/FireDrill.tsx): each step's name
// and the detail keys of lib/feedback/drill.ts, with their placeholders.

export const drillEn = {
  'drill.title': 'Fire drill',
  'drill.intro':
    'Proves the feedback loop on this SES account: one message to each of SES’s mailbox simulator addresses (success, bounce, complaint, on the suppression list), which count neither in the quota nor in reputation, then every event watched back. Nothing it sees is counted, suppressed or shared.',
  'drill.start': 'Run the fire drill',
  'drill.starting': 'Sending the drill’s messages…',
  'drill.none': 'No drill has run in this browser yet.',
  'drill.state.running': 'Running…',
  'drill.state.passed': 'Passed: the feedback loop works.',
  'drill.state.failed': 'Failed: fix the step marked below, then run the drill again.',
  'drill.mark.passed': 'Done',
  'drill.mark.failed': 'Failed',
  'drill.mark.waiting': 'Waiting',
  'drill.step.send': 'SES accepts the drill’s messages',
  'drill.step.events': 'Every event comes back through this sender’s queue',
  'drill.step.suppression': 'The bounce and the complaint would suppress their address',
  'drill.step.counts': 'The ledger-and-events source would count them',
  'drill.step.vdm': 'VDM counts the account’s sends',
  'drill.detail.sent': 'SES accepted {count} messages.',
  'drill.detail.sending': '{sent} of {of} sent…',
  'drill.detail.send-refused': 'SES refused the message to {address}: {reason}',
  'drill.detail.interrupted':
    'The drill stopped after {sent} of {of} messages (the browser or Rampart’s worker stopped mid-drill): run it again.',
  'drill.detail.events': '{count} events came back.',
  'drill.detail.waiting': 'Waiting for {missing} ({seconds} s of {limit} s).',
  'drill.detail.no-events':
    'No event came back in {minutes} minutes. The configuration set “{set}” needs an event destination (SNS) publishing to this sender’s queue, and the queue’s subscription filter must match the sender tag “{tag}”.',
  'drill.detail.missing-events': 'Some events never came back: the configuration set “{set}”’s event destination does not publish {types}.',
  'drill.detail.nothing-sent': 'No message was accepted: there is nothing to watch.',
  'drill.detail.suppressed': 'Rampart would suppress {addresses}, as a real bounce or complaint is; the drill changed no list.',
  'drill.detail.not-suppressed': '{address} came back as {came}: Rampart would not suppress it. Check SES’s event content.',
  'drill.detail.after-events': 'Checked once the events are back.',
  'drill.detail.counted':
    'Would count {sent} sent, {deliveries} delivered, {bounces} hard bounce, {complaints} complaint (suppressionlist@ aside); the drill itself counted nothing.',
  'drill.detail.miscounted': 'Would count {got} (sent / delivered / hard bounces / complaints); expected {expected}.',
  'drill.detail.vdm-on': 'VDM is on: the popup’s rates are the whole account’s.',
  'drill.detail.vdm-off':
    'VDM is off: the popup’s rates come only from this browser’s sends and events. Turn on Virtual Deliverability Manager in the SES console.',
  'drill.detail.vdm-unknown': 'Rampart could not read whether VDM is on. {reason}',
} as const;
