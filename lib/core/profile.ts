// The build profile: production, or the emulator profile of docs/test-surface.md
// (`npm run build:local`), which comes preconfigured for the local AWS emulator.

export const isEmulatorProfile: boolean = __RAMPART_EMULATOR__;
/** True in the emulator and test builds: enables test-only hooks (clock, counters). */
export const isTestBuild: boolean = __RAMPART_TEST_BUILD__;

export const emulatorDefaults = {
  region: 'us-east-1',
  endpoint: `http://127.0.0.1:${__RAMPART_LOCAL_AWS_PORT__}`,
  identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
  configurationSet: 'rampart',
  fromName: 'Demo SDR',
  fromAddress: 'sdr@outbound.example.com',
  // Empty: the From address's tag (lib/core/sender-tag.ts).
  senderTag: '',
  contactList: 'rampart',
  contactTopic: 'outbound',
} as const;
