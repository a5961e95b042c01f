// Delivered mail is handed to aws-ses-v2-local, run as its own process on 127.0.0.1, for
// storing and viewing (its web page at `/`, its API at `/store`). It implements SES v2's
// SendEmail itself, so the hand-off is an (unsigned) SendEmail of the delivered message.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SentMessage } from './state';
import { parseMailbox } from './ses/address';

export class MailViewer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts the viewer; rejects if it is not answering within `timeoutMs`. */
  static async start(host: string, port: number, timeoutMs = 30_000): Promise<MailViewer> {
    const require = createRequire(import.meta.url);
    const cli = join(dirname(require.resolve('aws-ses-v2-local/package.json')), 'dist', 'cli.js');
    const child = spawn(process.execPath, [cli, '--host', host, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = `http://${host}:${port}`;
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code) => reject(new Error(`aws-ses-v2-local exited with code ${code}`)));
      child.once('error', reject);
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ready = (async () => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        try {
          const response = await fetch(`${url}/health-check`);
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`aws-ses-v2-local did not answer on ${url} within ${timeoutMs} ms: ${output.trim()}`);
    })();
    try {
      await Promise.race([ready, exited]);
    } catch (error) {
      child.kill();
      throw error;
    }
    // If the emulator exits, the viewer goes with it.
    process.once('exit', () => child.kill());
    child.stdout?.removeAllListeners('data');
    child.stderr?.removeAllListeners('data');
    child.stdout?.resume();
    child.stderr?.resume();
    return new MailViewer(url, child);
  }

  /** Hands a delivered message over, addressed to the recipients it reached. Never throws. */
  deliver(message: SentMessage, content: Record<string, unknown>): void {
    const reached = (list: string[]) => list.filter((text) => message.delivered.has(parseMailbox(text)?.address ?? ''));
    const body = {
      FromEmailAddress: message.source,
      Destination: { ToAddresses: reached(message.to), CcAddresses: reached(message.cc), BccAddresses: reached(message.bcc) },
      Content: content,
    };
    fetch(`${this.url}/v2/email/outbound-emails`, {
      method: 'POST',
      // The viewer only asks that some AWS authorization be present.
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=local-aws' },
      body: JSON.stringify(body),
    }).catch((error: unknown) => console.error('local-aws: could not hand mail to aws-ses-v2-local:', error));
  }

  clear(): Promise<void> {
    return fetch(`${this.url}/clear-store`, { method: 'POST' }).then(
      () => undefined,
      (error: unknown) => console.error('local-aws: could not clear aws-ses-v2-local:', error),
    );
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill();
    });
  }
}
