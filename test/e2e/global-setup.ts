import { execFileSync } from 'node:child_process';

// Builds the emulator profile and the production build once for the whole end-to-end
// run (the production-build suite loads .output/chrome-mv3 as shipped).
// RAMPART_SKIP_BUILD=1 reuses both builds (a local edit-test loop).
export default function setup(): void {
  if (process.env.RAMPART_SKIP_BUILD === '1') return;
  // Not vitest's NODE_ENV=test: WXT would keep it and build the JSX for development while
  // the emulator profile defines React's production build (wxt.config.ts): `jsxDEV is not a function`.
  const env = { ...process.env };
  delete env.NODE_ENV;
  execFileSync('npx', ['wxt', 'build', '--mode', 'emulator'], { stdio: 'inherit', env });
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit', env });
}
