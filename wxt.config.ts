import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { composeEs } from './lib/i18n/compose/es';
import { findingsEs } from './lib/i18n/compose/findings-es';
import { composeDictionaryFile } from './lib/i18n/compose/dictionary-file';
import { productionHostPermissions } from './lib/core/regions';
import { DISPOSABLE_DOMAINS_FILE } from './lib/send/disposable-file';

// The emulator profile (`wxt build --mode emulator`) is the same extension preconfigured
// for the local AWS emulator: see lib/core/profile.ts and docs/test-surface.md.
const localAwsPort = Number(process.env.LOCAL_AWS_PORT ?? 4566);

// The emulator profile's public key (the private one is not kept): it fixes the extension
// id at cchlfcpokboeemibbnfnpbmdhkoleadb, so a Chromium policy file can address it
// (`3rdparty.extensions.<id>`, managed storage) and the hosted UI's redirect is known.
const EMULATOR_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyXCqxGEXvXQ/6HIsaiyKfjsqSmEk++Zhga1EsE9uBQugXAahbnL9bJSv7E/nCiwnuhyqE4pPqgSbZChU00zcrq7Kw8UJTrL13s6MrkGXu8o0GoEt51DzZmHowzcjRHhh9XzhD03ix3krd3PJxFqkTrg/TBpB5THkrIRc7a0T3NJTgOgYPaoTsk2QckGcBO/cNkIpWs5FAwdpHHXmoCL5b8osVtaK9i1Mow2G+NLHhIp48vvx5TGMOWZ0dTGwZjp5IA9fPrYS/5Iu7PtUmacvBZ9jaSX5vmNNcGzQdAjELV/moJ//Q/KabXNNVZnFmrLacosvs6Az07jr27yYWzl99wIDAQAB';

// Rampart's add-on id in Firefox (both profiles): policies and the sign-in redirect know it.
export const FIREFOX_ADDON_ID = 'rampart@outbound.example.com';

// WXT sets NODE_ENV (and defines `process.env.NODE_ENV` in scripts) to the mode's name,
// so `--mode emulator` would ship React's and the JSX transform's development builds:
// the content script 3x larger than in production. The emulator profile is a
// production build pointed at the emulator (see also the plugin below).
if (process.env.NODE_ENV === 'emulator') process.env.NODE_ENV = 'production';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ mode, browser }) => ({
    name: 'Rampart',
    description: 'Send outbound from Gmail through Amazon SES, with guardrails for a young SES account.',
    // identity: sign-in through the user pool's hosted UI (launchWebAuthFlow).
    // webRequest: the browser's own account of a failed send (lib/aws/connection.ts).
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'identity', 'webRequest'],
    ...(mode === 'emulator' ? { key: EMULATOR_PUBLIC_KEY } : {}),
    // An administrator's policy (lib/store/managed-policy.ts); Firefox reads managed storage from a native manifest instead.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    // Firefox: a fixed add-on id, which its managed storage (policies.json, the managed-storage
    // manifest) addresses, and with it a stable sign-in redirect URL (identity.getRedirectURL).
    // What leaves the browser is declared as Firefox asks (from 140, the ESR tested): the
    // draft, its recipients' names and addresses, sent to SES in the team's AWS account.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_ADDON_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['personalCommunications', 'personallyIdentifyingInfo'] },
            },
            // Firefox for Android reads that declaration from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
    // SES v2, Cognito Identity and SQS in every region Rampart offers, and the hosted UI
    // (its token endpoint is fetched by the background): lib/core/regions.ts.
    host_permissions: mode === 'emulator' ? ['http://127.0.0.1/*', 'http://localhost/*'] : productionHostPermissions(),
    // The compose panel's sentences in a language other than English, fetched by the Gmail
    // content script only when it is the one shown (lib/i18n/compose/translate.ts).
    web_accessible_resources: [{ resources: ['i18n/*.json'], matches: ['https://mail.google.com/*'] }],
  }),
  vite: (env) => ({
    resolve: {
      // No operation Rampart calls streams events (lib/aws/no-event-streams.ts says why).
      alias: {
        // The package's `browser` field maps its index to the browser-safe providers; Vite's
        // background build does not apply that object form, and the Node index pulls in fs.
        '@aws-sdk/credential-providers': fileURLToPath(
          new URL('./node_modules/@aws-sdk/credential-providers/dist-es/index.browser.js', import.meta.url),
        ),
        '@smithy/core/event-streams': fileURLToPath(new URL('./lib/aws/no-event-streams.ts', import.meta.url)),
      },
    },
    plugins: [
      {
        // Runs after WXT's own per-entrypoint `define`, which names the mode.
        name: 'rampart:production-react',
        // The JSX transform is told too: it otherwise follows NODE_ENV as Vite read it,
        // and a development transform against React's production runtime cannot render.
        config: () =>
          env.mode === 'emulator'
            ? { define: { 'process.env.NODE_ENV': '"production"' }, oxc: { jsx: { development: false } } }
            : undefined,
      },
    ],
    define: {
      __RAMPART_EMULATOR__: JSON.stringify(env.mode === 'emulator'),
      __RAMPART_LOCAL_AWS_PORT__: JSON.stringify(localAwsPort),
      __RAMPART_TEST_BUILD__: JSON.stringify(env.mode === 'emulator' || env.mode === 'test'),
    },
  }),
  hooks: {
    // Written from the same dictionary the popup and options bundle, so they cannot differ.
    'build:publicAssets': (_wxt, files) => {
      // With the findings' sentences, which only a fetched language needs (findings-en.ts).
      files.push({ relativeDest: composeDictionaryFile('es'), contents: JSON.stringify({ ...composeEs, ...findingsEs }) });
      // The disposable-address domains the recipient check reads (lib/send/domain-check.ts),
      // from the npm package as installed: fetched by the background when first needed,
      // never part of its bundle.
      const list = fileURLToPath(
        new URL('./node_modules/disposable-email-domains-js/dist/dict/disposable_email_blocklist.json', import.meta.url),
      );
      files.push({ relativeDest: DISPOSABLE_DOMAINS_FILE, contents: JSON.stringify(JSON.parse(readFileSync(list, 'utf8'))) });
    },
    // The demo inbox is served on 127.0.0.1: only the emulator profile runs there.
    'build:manifestGenerated': (wxt, manifest) => {
      // Firefox: an event page, unloaded when idle as Chrome stops the service worker, so
      // both browsers wake the same listeners (Firefox's MV2 default is a persistent page).
      if (wxt.config.browser === 'firefox' && manifest.background && 'scripts' in manifest.background)
        manifest.background.persistent = false;
      if (wxt.config.mode !== 'emulator') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), 'http://127.0.0.1/*'];
      }
      for (const resource of manifest.web_accessible_resources ?? []) {
        if (typeof resource !== 'string') resource.matches = [...(resource.matches ?? []), 'http://127.0.0.1/*'];
      }
    },
  },
});
