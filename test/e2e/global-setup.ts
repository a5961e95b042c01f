import { execFileSync } from 'node:child_process';

// Builds the emulator profile once for the whole end-to-end run.
// RAMPART_SKIP_BUILD=1 reuses .output/chrome-mv3-emulator (a local edit-test loop).
export default function setup(): void {
  if (process.env.RAMPART_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build', '--mode', 'emulator'], { stdio: 'inherit' });
}
