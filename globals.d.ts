// Build-time constants set in wxt.config.ts (vite `define`).
declare const __RAMPART_EMULATOR__: boolean;
declare const __RAMPART_LOCAL_AWS_PORT__: number;
declare const __RAMPART_TEST_BUILD__: boolean;
