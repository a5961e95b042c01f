import { defineConfig } from 'wxt';

// The emulator profile (`wxt build --mode emulator`) is the same extension preconfigured
// for the local AWS emulator: see lib/profile.ts and CONTRACT.md.
const localAwsPort = Number(process.env.LOCAL_AWS_PORT ?? 4566);

// WXT sets NODE_ENV (and defines `process.env.NODE_ENV` in scripts) to the mode's name,
// so `--mode emulator` would ship React's and the JSX transform's development builds:
// the content script 3x larger than in production. The emulator profile is a
// production build pointed at the emulator (see also the plugin below).
if (process.env.NODE_ENV === 'emulator') process.env.NODE_ENV = 'production';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ mode }) => ({
    name: 'Rampart',
    description: 'Send outbound from Gmail through Amazon SES, with guardrails for a young SES account.',
    permissions: ['storage', 'alarms', 'unlimitedStorage'],
    host_permissions:
      mode === 'emulator'
        ? ['http://127.0.0.1/*', 'http://localhost/*']
        : [
            'https://email.*.amazonaws.com/*',
            'https://cognito-identity.*.amazonaws.com/*',
            'https://sqs.*.amazonaws.com/*',
          ],
  }),
  vite: (env) => ({
    plugins: [
      {
        // Runs after WXT's own per-entrypoint `define`, which names the mode.
        name: 'rampart:production-react',
        config: () => (env.mode === 'emulator' ? { define: { 'process.env.NODE_ENV': '"production"' } } : undefined),
      },
    ],
    define: {
      __RAMPART_EMULATOR__: JSON.stringify(env.mode === 'emulator'),
      __RAMPART_LOCAL_AWS_PORT__: JSON.stringify(localAwsPort),
      __RAMPART_TEST_BUILD__: JSON.stringify(env.mode === 'emulator' || env.mode === 'test'),
    },
  }),
  hooks: {
    // The demo inbox is served on 127.0.0.1: only the emulator profile runs there.
    'build:manifestGenerated': (wxt, manifest) => {
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
