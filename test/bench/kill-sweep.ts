import { loadavg } from 'node:os';
import { launchRampart } from '../e2e/launch';
import { runKillSweep } from '../e2e/kill-sweep';

// kill-sweep: the worker stopped at every await of the send path (every point, one send;
// every point of three tabs sending at once), and once while SES holds the request.

export async function killSweep(): Promise<{ name: 'kill-sweep' } & Record<string, unknown>> {
  const rampart = await launchRampart();
  try {
    const started = Date.now();
    const figures = await runKillSweep(rampart, { stride: 1, log: (line) => console.error(line) });
    return {
      name: 'kill-sweep',
      ...figures,
      seconds: Math.round((Date.now() - started) / 1000),
      load_average: loadavg().map((n) => Math.round(n * 100) / 100),
    };
  } finally {
    await rampart.close();
  }
}
