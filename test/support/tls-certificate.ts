import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A throwaway TLS certificate for the emulator's HTTPS port, made with openssl for one
// run and never written anywhere but a temporary directory removed at once: no key is
// kept in the repository. Chromium trusts it for the run through
// `--ignore-certificate-errors-spki-list=<spkiSha256>`; Node through `ca`.

export interface TestCertificate {
  cert: string;
  key: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo (DER), as Chromium's flag takes it. */
  spkiSha256: string;
}

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL_PATH ?? '/usr/bin/openssl';

export async function makeTestCertificate(hostNames: string[]): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const san = ['IP:127.0.0.1', ...hostNames.map((name) => `DNS:${name}`)].join(',');
    await run(OPENSSL, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=Rampart test emulator',
      '-addext',
      `subjectAltName=${san}`,
    ]);
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    return { cert, key, spkiSha256: createHash('sha256').update(spki).digest('base64') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
