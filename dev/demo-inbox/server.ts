import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

// The demo inbox: a Gmail-style page on 127.0.0.1, built from the same compose DOM as
// the Gmail fixtures (test/fixtures/gmail/gmail-fixture.js), where the emulator profile's
// content script runs.

const here = fileURLToPath(new URL('.', import.meta.url));
const files: Record<string, { path: string; type: string }> = {
  '/': { path: `${here}index.html`, type: 'text/html; charset=utf-8' },
  '/mail/u/0/': { path: `${here}index.html`, type: 'text/html; charset=utf-8' },
  '/demo.js': { path: `${here}demo.js`, type: 'text/javascript' },
  '/_fixture/gmail-fixture.js': { path: `${here}../../test/fixtures/gmail/gmail-fixture.js`, type: 'text/javascript' },
};

export interface DemoInbox {
  url: string;
  close(): Promise<void>;
}

export async function startDemoInbox(port = Number(process.env.DEMO_INBOX_PORT ?? 4570)): Promise<DemoInbox> {
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    readFile(file.path).then(
      (body) => res.writeHead(200, { 'content-type': file.type }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}/mail/u/0/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
