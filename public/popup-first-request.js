// The popup's first request, sent while popup.html is still being parsed: a classic
// script runs at once, where the page's modules (entrypoints/popup/main.tsx) run only
// once all of them are fetched and linked. The popup is opened for today's cap, so the
// background starts on it tens of milliseconds sooner. Plain JavaScript, served as is:
// the envelope is the protocol's (lib/messages.ts, `capToday`), and main.tsx validates
// nothing here but reads the reply as any other (lib/ask.ts).
globalThis.rampartCapTodayReply = (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'capToday', payload: {} });
