import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// Gzipped size of what each context loads from the production build: a file plus every
// chunk it imports, followed to the end (an HTML page: its module scripts).

const OUT = resolve('.output/chrome-mv3');

async function closure(entry: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = await readFile(entry, 'utf8');
  const imports = [...code.matchAll(/(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1]!);
  for (const specifier of imports) await closure(resolve(dirname(entry), specifier), seen);
  return seen;
}

async function pageScripts(html: string): Promise<string[]> {
  const text = await readFile(join(OUT, html), 'utf8');
  return [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => join(OUT, m[1]!.replace(/^\//, '')));
}

async function gzipKb(entries: string[], extra: string[] = []): Promise<number> {
  const files = new Set<string>(extra);
  for (const entry of entries) for (const file of await closure(entry)) files.add(file);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(file), { level: 9 }).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

export async function bundleSize() {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'pipe' });
  return {
    name: 'bundle-size',
    content_gzip_kb: await gzipKb([join(OUT, 'content-scripts/gmail.js')], [join(OUT, 'content-scripts/gmail.css')]),
    background_gzip_kb: await gzipKb([join(OUT, 'background.js')]),
    popup_gzip_kb: await gzipKb(await pageScripts('popup.html')),
  };
}
