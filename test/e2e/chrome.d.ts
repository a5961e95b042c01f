// Code passed to page.evaluate / worker.evaluate runs in the extension, where Chromium's
// own `chrome` global is the extension API (WXT's `browser` is the same object).
declare const chrome: typeof import('wxt/browser').browser;
