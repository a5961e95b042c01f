import { describe, expect, test } from 'vitest';
import config from '../../../wxt.config';
import { HOSTED_UI_HOST_PERMISSION, SES_REGIONS, productionHostPermissions, regionHostPermissions } from '@/lib/core/regions';
import { settingsSchema } from '@/lib/store/settings';
import { manifestMatchPatterns, matchPatternProblem } from '../../support/match-pattern';

// The production manifest's host permissions: patterns Chrome accepts (it drops the others
// without a word), for SES v2, Cognito Identity, SQS and S3 buckets in each region Rampart offers,
// and the hosted UI; nothing broader. The built manifest itself is checked the same way
// by the production-build suite (test/e2e/production-build.test.ts).

type ManifestOf = (env: Record<string, unknown>) => Record<string, unknown>;
const manifestFor = (mode: string) =>
  (config.manifest as unknown as ManifestOf)({ mode, browser: 'chrome', manifestVersion: 3, command: 'build' }) as Parameters<
    typeof manifestMatchPatterns
  >[0];

describe('Chrome match patterns', () => {
  test.each([
    'https://email.eu-west-1.amazonaws.com/*',
    'https://*.amazoncognito.com/*',
    'https://mail.google.com/*',
    'http://127.0.0.1/*',
    '*://*/*',
    '<all_urls>',
  ])('%s is one', (pattern) => {
    expect(matchPatternProblem(pattern)).toBeUndefined();
  });

  test.each([
    ['https://email.*.amazonaws.com/*', /only as its first label/],
    ['https://cognito-identity.*.amazonaws.com/*', /only as its first label/],
    ['https://*email.amazonaws.com/*', /only as its first label/],
    ['https://mail.google.com', /path is missing/],
    ['ftp://example.com/*', /scheme/],
  ])('%s is not', (pattern, problem) => {
    expect(matchPatternProblem(pattern)).toMatch(problem);
  });
});

describe('the production manifest', () => {
  const manifest = manifestFor('production');

  test('every pattern it declares is a valid Chrome match pattern', () => {
    const patterns = manifestMatchPatterns(manifest);
    expect(patterns.map((pattern) => [pattern, matchPatternProblem(pattern)]).filter(([, problem]) => problem)).toEqual([]);
    expect(patterns.length).toBeGreaterThan(SES_REGIONS.length * 3);
  });

  test('asks for SES, Cognito Identity, SQS and S3 buckets in each offered region and the hosted UI, and nothing broader', () => {
    expect(manifest.host_permissions).toEqual(productionHostPermissions());
    expect(regionHostPermissions('eu-west-1')).toEqual([
      'https://email.eu-west-1.amazonaws.com/*',
      'https://cognito-identity.eu-west-1.amazonaws.com/*',
      'https://sqs.eu-west-1.amazonaws.com/*',
      // The team's settings object, by its bucket's virtual-hosted name.
      'https://*.s3.eu-west-1.amazonaws.com/*',
    ]);
    const allowed = /^https:\/\/(email|cognito-identity|sqs|\*\.s3)\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com\/\*$/;
    const broader = manifest.host_permissions!.filter((pattern) => !allowed.test(pattern) && pattern !== HOSTED_UI_HOST_PERMISSION);
    expect(broader).toEqual([]);
    for (const region of SES_REGIONS) expect(manifest.host_permissions).toEqual(expect.arrayContaining(regionHostPermissions(region)));
    expect(manifest.host_permissions).toHaveLength(SES_REGIONS.length * 4 + 1);
  });

  test('the emulator profile keeps its loopback permissions', () => {
    expect(manifestFor('emulator').host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});

describe('the region setting', () => {
  test('accepts exactly the regions the manifest covers', () => {
    expect(new Set(SES_REGIONS).size).toBe(SES_REGIONS.length);
    for (const region of SES_REGIONS) expect(settingsSchema.shape.region.safeParse(region).success, region).toBe(true);
    for (const region of ['us-gov-west-1', 'cn-north-1', 'xx-east-1', 'eu-west-9', '']) {
      expect(settingsSchema.shape.region.safeParse(region).success, region).toBe(false);
    }
  });
});
