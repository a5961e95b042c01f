// How Rampart is loaded into Debian's Chromium, unpacked, for the demo, the end-to-end
// tests and the benchmarks. Without the background-networking flags Chromium keeps
// reaching for Google's hosts, which a closed machine refuses many times a second.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(extensionDir: string, { headless }: { headless: boolean }): string[] {
  return [
    ...(headless ? ['--headless=new'] : []),
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}
