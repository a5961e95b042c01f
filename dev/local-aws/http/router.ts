// A small REST router: `GET /v2/email/identities/{EmailIdentity}` patterns matched on the
// raw (still encoded) path, labels decoded once matched.

export interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export function route<H>(method: string, pattern: string, handler: H): Route<H> {
  return { method, segments: pattern.split('/').filter(Boolean), handler };
}

export interface Match<H> {
  handler: H;
  labels: Record<string, string>;
}

export function matchRoute<H>(routes: Route<H>[], method: string, rawPath: string): Match<H> | undefined {
  const parts = rawPath.split('/').filter(Boolean);
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== parts.length) continue;
    const labels: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const expected = candidate.segments[i]!;
      const actual = parts[i]!;
      if (expected.startsWith('{') && expected.endsWith('}')) {
        try {
          labels[expected.slice(1, -1)] = decodeURIComponent(actual);
        } catch {
          ok = false;
        }
      } else if (expected !== actual) ok = false;
    }
    if (ok) return { handler: candidate.handler, labels };
  }
  return undefined;
}
