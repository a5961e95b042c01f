// SES's mailbox simulator: addresses at simulator.amazonses.com whose outcome is known in
// advance. They are allowed in the sandbox too. A `+label` is ignored, as SES does.
// As SES does, they count toward the send rate but not the daily quota, are never put on
// the account suppression list, and VDM leaves them out.

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

export type SimulatorOutcome = 'success' | 'bounce' | 'ooto' | 'complaint' | 'suppressionlist';
const OUTCOMES: readonly SimulatorOutcome[] = ['success', 'bounce', 'ooto', 'complaint', 'suppressionlist'];

export function isSimulatorAddress(address: string): boolean {
  return address.toLowerCase().endsWith(`@${SIMULATOR_DOMAIN}`);
}

/** What the simulator does with `address`; any other local part behaves as `success@`. */
export function simulatorOutcome(address: string): SimulatorOutcome | undefined {
  if (!isSimulatorAddress(address)) return undefined;
  const local = address.toLowerCase().split('@')[0]!.split('+')[0]!;
  return OUTCOMES.includes(local as SimulatorOutcome) ? (local as SimulatorOutcome) : 'success';
}
