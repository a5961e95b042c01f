import * as z from 'zod/mini';
import { storage } from '#imports';
import { emulatorDefaults, isEmulatorProfile, isTestBuild } from '@/lib/core/profile';
import { DEFAULT_DOH_RESOLVER, isSesRegion, PUBLIC_DOH_RESOLVERS } from '@/lib/core/regions';
import { overlayManaged, type Overlaid } from './managed-overlay';
import { readManagedPolicy, type ManagedSettingKey } from './managed-policy';
import { fitsSenderTag, isTagValue } from '@/lib/core/sender-tag';
import { hostNameProblem } from '@/lib/core/address';
import { looksLikeEmail } from '@/lib/core/email';

// The team's AWS set-up and the SDR's identity, edited in options, stored with WXT
// storage. Validated on read and on write: a bad stored value falls back to defaults
// rather than reaching the AWS client.

export const settingsSchema = z.object({
  // Only where SES v2 is offered: the build asks for host permissions there and nowhere else.
  region: z.string().check(z.refine(isSesRegion, 'a region where Amazon SES v2 is offered, such as us-east-1')),
  identityPoolId: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f-]{36}$/, 'an identity pool id such as us-east-1:0000…')),
  configurationSet: z.string().check(z.minLength(1)),
  fromName: z.string(),
  fromAddress: z.string().check(
    z.refine(looksLikeEmail, 'an email address'),
    // Its sender tag (lib/core/sender-tag.ts) must fit a message tag.
    z.refine(
      fitsSenderTag,
      'a shorter address: its sender tag, where every character but a-z, 0-9 and - takes three, must fit SES’s 256 characters',
    ),
  ),
  /** The `sender` EmailTag set by hand: routes this SDR's feedback events to their SQS queue. Empty: the From address's tag. */
  senderTag: z
    .string()
    .check(
      z.refine(
        (tag) => tag === '' || isTagValue(tag),
        'only letters, digits, _ and -, at most 256, as SES requires of a message tag (or nothing, to use the From address’s)',
      ),
    ),
  replyTo: z.optional(z.string()),
  /**
   * The company's transactional or corporate domains, which outbound must not be sent from
   * (the from-transactional-domain guardrail): separated by commas or spaces.
   */
  avoidFromDomains: z.optional(z.string().check(z.refine(isDomainList, 'domains such as example.com, separated by commas or spaces'))),
  /** Endpoint override for SES, Cognito Identity, SQS and S3: the emulator profile's only (see trustedTargets). */
  endpointOverride: z.optional(z.string()),
  contactList: z.optional(z.string()),
  contactTopic: z.optional(z.string()),
  /** Hold Gmail's own Send when the draft has a `block` finding. */
  guardGmailSend: z.boolean(),
  /** Suppress a prospect who replies STOP as soon as the thread is opened (else: offer it). */
  autoSuppressStopReplies: z.optional(z.boolean()),
  /** Sign-in (lib/aws/sign-in): the Cognito user pool, its app client and hosted-UI domain. */
  userPoolId: z.optional(
    z.string().check(z.regex(/^([a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+)?$/, 'a user pool id such as us-east-1_AbCdEf123')),
  ),
  userPoolClientId: z.optional(z.string()),
  hostedUiDomain: z.optional(z.string()),
  /** The user pool offers Google as an identity provider. */
  googleSignIn: z.optional(z.boolean()),
  /**
   * The team's settings object (infra/ output `TeamSettingsBucket`): the lead's plan and
   * resumes, read at every sync. Without dots, so its virtual-hosted name fits S3's certificate.
   */
  teamSettingsBucket: z.optional(
    z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'an S3 bucket name: 3 to 63 lower-case letters, digits and hyphens')),
  ),
  /** The bucket's region, when not the SES region's. */
  teamSettingsRegion: z.optional(z.string().check(z.refine(isSesRegion, 'a region where Amazon SES v2 is offered, such as us-east-1'))),
  /**
   * The DNS-over-HTTPS resolver (JSON API) the recipient check asks for mail servers.
   * Unset: a public one (production), the emulator's (the emulator profile): dohResolver().
   */
  dohResolver: z.optional(
    z.string().check(z.regex(/^https?:\/\/[^\s?#]+$/, 'a resolver URL such as https://cloudflare-dns.com/dns-query')),
  ),
});
export type Settings = z.infer<typeof settingsSchema>;

function domainTokens(list: string): string[] {
  return list.split(/[\s,;]+/).filter((token) => token !== '');
}

/** True for a list of domain names separated by commas, semicolons or spaces (or none). */
export function isDomainList(list: string): boolean {
  return domainTokens(list).every((token) => hostNameProblem(token) === null);
}

/** The domains outbound must not be sent from, lower-cased, each once. */
export function avoidFromDomainsOf(settings: Pick<Settings, 'avoidFromDomains'>): string[] {
  return [...new Set(domainTokens(settings.avoidFromDomains ?? '').map((d) => d.toLowerCase()))];
}

export const defaultSettings: Settings = isEmulatorProfile
  ? {
      region: emulatorDefaults.region,
      identityPoolId: emulatorDefaults.identityPoolId,
      configurationSet: emulatorDefaults.configurationSet,
      fromName: emulatorDefaults.fromName,
      fromAddress: emulatorDefaults.fromAddress,
      senderTag: emulatorDefaults.senderTag,
      endpointOverride: emulatorDefaults.endpoint,
      contactList: emulatorDefaults.contactList,
      contactTopic: emulatorDefaults.contactTopic,
      guardGmailSend: true,
      // The emulator's user pool and its hosted-UI stand-in (dev/local-aws/auth).
      userPoolId: 'us-east-1_RampartLo',
      userPoolClientId: 'rampartlocalappclient0001',
      hostedUiDomain: emulatorDefaults.endpoint,
      googleSignIn: true,
      // The emulator's team settings object (dev/local-aws/s3/team-settings.ts).
      teamSettingsBucket: 'rampart-team-settings',
    }
  : {
      region: 'us-east-1',
      identityPoolId: '',
      configurationSet: '',
      fromName: '',
      fromAddress: '',
      senderTag: '',
      guardGmailSend: true,
    };

export const settingsItem = storage.defineItem<Settings>('local:rampart.settings', {
  fallback: defaultSettings,
});

/** The stored settings, or the defaults where what is stored does not validate; managed values win. */
export async function loadSettings(): Promise<Settings> {
  return (await loadSettingsWithPolicy()).settings;
}

/** The settings and which of them the administrator's policy set (lib/store/managed-policy.ts). */
export async function loadSettingsWithPolicy(): Promise<Overlaid<Settings>> {
  // Two independent reads from the browser: asked together, not one after the other.
  const [stored, policy] = await Promise.all([settingsItem.getValue(), readManagedPolicy()]);
  const merged = { ...defaultSettings, ...stored };
  // A tag stored before tags were held to SES's rule (an address, say) gives way to the
  // From address's tag rather than throwing every other setting back to its default.
  if (!settingsSchema.shape.senderTag.safeParse(merged.senderTag).success) merged.senderTag = '';
  const parsed = settingsSchema.safeParse(merged);
  const own = parsed.success ? parsed.data : defaultSettings;
  const overlaid = overlayManaged(own, policy, (key, value) => settingsSchema.shape[key].safeParse(value).success);
  return { ...overlaid, settings: trustedTargets(overlaid.settings, overlaid.locked) };
}

/** Which build reads the settings: the emulator profile, a test build, or production. */
export interface BuildProfile {
  emulator: boolean;
  testBuild: boolean;
}
const thisBuild: BuildProfile = { emulator: isEmulatorProfile, testBuild: isTestBuild };

/** The emulator listens on this machine only. */
const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/?$/;

/**
 * Where credentials may go, whatever storage holds. Content scripts can write
 * storage.local where the browser does not restrict it (Firefox), so nothing stored may
 * send an ID or refresh token, or a signed AWS request, anywhere else:
 * - the endpoint override exists only in the emulator profile (and test builds, which
 *   never ship); production drops it, stored or managed, and talks to AWS's endpoints;
 * - in production the hosted UI (whose sign-in page gets the password and whose token
 *   endpoint gets the tokens) is the administrator's: used only when their policy
 *   (`managed`) sets it together with the user pool it belongs to. A Cognito prefix
 *   domain proves nothing: any AWS account can make `<prefix>.auth.<region>.amazoncognito.com`
 *   for a pool of its own, with a Lambda trigger that sees the password typed there, and
 *   nothing offline ties a domain to a pool (docs/security.md, "Which hosted UI");
 * - the emulator profile points both only at this machine.
 */
export function trustedTargets(settings: Settings, managed: readonly ManagedSettingKey[], build: BuildProfile = thisBuild): Settings {
  const { endpointOverride, hostedUiDomain, dohResolver, ...rest } = settings;
  const next: Settings = { ...rest };
  // The resolver learns every recipient's domain: in production one of the public
  // resolvers the manifest names, or the administrator's; in the emulator profile this
  // machine only; a test build's anywhere.
  if (dohResolver) {
    const loopback = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\//.test(dohResolver);
    const allowed = build.emulator
      ? loopback
      : build.testBuild || managed.includes('dohResolver') || (PUBLIC_DOH_RESOLVERS as readonly string[]).includes(dohResolver);
    if (allowed) next.dohResolver = dohResolver;
  }
  if (build.emulator) {
    if (endpointOverride && LOOPBACK.test(endpointOverride)) next.endpointOverride = endpointOverride;
    if (hostedUiDomain && LOOPBACK.test(hostedUiDomain)) next.hostedUiDomain = hostedUiDomain;
    return next;
  }
  // A test build (never shipped) points at the test's own emulator on this machine.
  if (build.testBuild && endpointOverride) next.endpointOverride = endpointOverride;
  if (build.testBuild && hostedUiDomain && LOOPBACK.test(hostedUiDomain)) {
    next.hostedUiDomain = hostedUiDomain;
    return next;
  }
  if (hostedUiDomain && managed.includes('hostedUiDomain') && managed.includes('userPoolId')) next.hostedUiDomain = hostedUiDomain;
  return next;
}

export async function saveSettings(next: Settings): Promise<void> {
  await settingsItem.setValue(settingsSchema.parse(next));
}

/** True when the set-up has what a send needs. */
export function isConfigured(s: Settings): boolean {
  return settingsSchema.safeParse(s).success && s.identityPoolId !== '' && s.fromAddress !== '';
}

/**
 * The DNS-over-HTTPS resolver the recipient check asks (settings already through
 * trustedTargets): the one set, else the emulator's in the emulator profile (its endpoint,
 * which a test may move), else the public default.
 */
export function dohResolver(settings: Pick<Settings, 'dohResolver' | 'endpointOverride'>, build: BuildProfile = thisBuild): string {
  if (settings.dohResolver) return settings.dohResolver;
  if (build.emulator || (build.testBuild && settings.endpointOverride)) {
    return `${(settings.endpointOverride ?? emulatorDefaults.endpoint).replace(/\/$/, '')}/dns-query`;
  }
  return DEFAULT_DOH_RESOLVER;
}
