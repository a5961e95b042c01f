// `npm run bench`: one JSON line per benchmark on stdout (docs/test-surface.md). Figures only:
// nothing here asserts a time. Logs go to stderr.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { bundleSize } from './bundle-size';

type Bench = () => Promise<Record<string, unknown> & { name: string }>;

const benches: Array<[string, () => Promise<Bench>]> = [
  ['bundle-size', async () => bundleSize],
  ['verdict-latency', async () => (await import('./verdict-latency')).verdictLatency],
  ['suppression-sync', async () => (await import('./suppression-sync')).suppressionSync],
  ['popup-first-paint', async () => (await import('./popup-first-paint')).popupFirstPaint],
  ['outbox-drain', async () => (await import('./outbox-drain')).outboxDrain],
  ['kill-sweep', async () => (await import('./kill-sweep')).killSweep],
];

const only = process.argv.slice(2);
let builtEmulatorProfile = false;
let failed = false;
for (const [name, load] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  if (name !== 'bundle-size' && !existsSync(new URL(`./${name}.ts`, import.meta.url))) {
    console.error(`${name}: not built yet`);
    continue;
  }
  try {
    // The Chromium benchmarks load the emulator profile (bundle-size builds production).
    if (name !== 'bundle-size' && !builtEmulatorProfile) {
      execFileSync('npx', ['wxt', 'build', '--mode', 'emulator'], { stdio: 'pipe' });
      builtEmulatorProfile = true;
    }
    const bench = await load();
    console.log(JSON.stringify(await bench()));
  } catch (error) {
    failed = true;
    console.error(`${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
