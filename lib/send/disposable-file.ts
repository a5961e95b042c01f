// Where the build writes the disposable-address domains (wxt.config.ts, from the npm
// package disposable-email-domains-js) for the recipient check to fetch (domain-check.ts).
// A file of its own: the build configuration imports it without the browser's APIs.
export const DISPOSABLE_DOMAINS_FILE = 'disposable-domains.json';
