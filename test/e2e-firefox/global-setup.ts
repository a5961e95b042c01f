import { execFileSync } from 'node:child_process';

// Builds the emulator profile for Firefox once for the run (.output/firefox-mv2-emulator).
// RAMPART_SKIP_BUILD=1 reuses the last build (a local edit-test loop).
export default function setup(): void {
  if (process.env.RAMPART_SKIP_BUILD === '1') return;
  // Not vitest's NODE_ENV=test: see test/e2e/global-setup.ts.
  const env = { ...process.env };
  delete env.NODE_ENV;
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'emulator'], { stdio: 'inherit', env });
}
