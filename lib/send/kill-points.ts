import { isTestBuild } from '@/lib/core/profile';

// Test builds only: named points at the awaits of the send path where a test may stop the
// worker. A test arms the switch from the worker (`globalThis.__rampartKillSwitch`): the
// send that reaches the armed point (counted across all sends of this worker) stops there
// for good, and the test stops the worker while it waits — a worker dying at exactly that
// await. Unarmed, each point only records its name, so a test can list them.

export interface KillSwitch {
  /** 1-based: the point, counted across sends, where the send stops. None: only record. */
  armedAt?: number;
  count: number;
  /** Every point reached, in order. */
  names: string[];
  /** The point where the send stopped. */
  reached?: string;
}

declare global {
  // eslint-disable-next-line no-var
  var __rampartKillSwitch: KillSwitch | undefined;
}

export async function killPoint(name: string): Promise<void> {
  if (!isTestBuild) return;
  const kill = globalThis.__rampartKillSwitch;
  if (!kill) return;
  kill.count++;
  kill.names.push(name);
  if (kill.armedAt !== kill.count) return;
  kill.reached = name;
  await new Promise<never>(() => {});
}
