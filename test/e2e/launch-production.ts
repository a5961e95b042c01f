import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../../dev/chromium';
import { startLocalAws, type LocalAws } from '../../dev/local-aws/server';
import { regionEndpointHosts } from '@/lib/core/regions';
import { makeTestCertificate, type TestCertificate } from '../support/tls-certificate';
import { awsControlAt } from '../support/aws-control';

// The production build (`npm run build`, .output/chrome-mv3) as a user installs it, its
// manifest untouched, against the local AWS emulator standing in for AWS itself: Chromium's
// resolver sends AWS's host names for the region and the hosted UI's domain to the
// emulator's TLS port, and trusts the run's certificate by its key. No endpoint override:
// the extension calls the endpoints it would call on AWS, and the emulator answers them
// as AWS does (no CORS), so a missing host permission fails here as it fails there.

// RAMPART_PRODUCTION_EXTENSION_DIR: another production build (a private copy, or one built
// with other host permissions to see this suite fail).
export const PRODUCTION_EXTENSION_DIR = resolve(process.env.RAMPART_PRODUCTION_EXTENSION_DIR ?? '.output/chrome-mv3');

export interface ProductionRampart {
  context: BrowserContext;
  extensionId: string;
  aws: LocalAws;
  region: string;
  /** The user pool's hosted-UI domain, as a lead types it in the settings. */
  hostedUiDomain: string;
  /** The AWS host names Chromium sends to the emulator. */
  awsHosts: string[];
  worker(): Promise<Worker>;
  openExtensionPage(path: string): Promise<Page>;
  /** Ask the emulator's control routes (on its own address, not an AWS host name). */
  awsControl<T = unknown>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface ProductionLaunchOptions {
  region?: string;
  /** The hosted UI's prefix: `<prefix>.auth.<region>.amazoncognito.com`. */
  hostedUiPrefix?: string;
}

/** `--host-resolver-rules`: each AWS host name to the emulator's TLS port on 127.0.0.1. */
export function hostResolverRules(hosts: string[], port: number): string {
  return hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
}

export async function launchProductionRampart(options: ProductionLaunchOptions = {}): Promise<ProductionRampart> {
  const region = options.region ?? 'eu-west-1';
  const hostedUiDomain = `${options.hostedUiPrefix ?? 'rampart-test'}.auth.${region}.amazoncognito.com`;
  const awsHosts = [...Object.values(regionEndpointHosts(region)), hostedUiDomain];
  const certificate: TestCertificate = await makeTestCertificate(awsHosts);
  const aws = await startLocalAws({ port: 0, region, tls: { cert: certificate.cert, key: certificate.key } });
  const userDataDir = await mkdtemp(join(tmpdir(), 'rampart-e2e-production-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        ...chromiumArgs(PRODUCTION_EXTENSION_DIR, { headless: true }),
        `--host-resolver-rules=${hostResolverRules(awsHosts, aws.tlsPort!)}`,
        // Only this run's certificate is trusted, and only by its key.
        `--ignore-certificate-errors-spki-list=${certificate.spkiSha256}`,
      ],
    });
  } catch (error) {
    await aws.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 90_000 }));
  const extensionId = new URL(first.url()).host;

  async function worker(): Promise<Worker> {
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return live;
    return context.waitForEvent('serviceworker', { timeout: 60_000 });
  }

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  }

  const awsControl = awsControlAt(aws.url);

  return {
    context,
    extensionId,
    aws,
    region,
    hostedUiDomain,
    awsHosts,
    worker,
    openExtensionPage,
    awsControl,
    async close() {
      await context.close().catch(() => {});
      await aws.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
