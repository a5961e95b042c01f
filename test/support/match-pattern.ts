// Chrome's match patterns, as its extension documentation defines them ("Match patterns":
// `<scheme>://<host>[:<port>]<path>`): the scheme is http, https, file or `*`; the host is
// `*`, `*.` followed by a host name, or a host name, with no other `*` (a `*` is allowed
// only as the first label); the path starts with `/`. Chrome drops a host permission it
// cannot parse without failing the install, so a bad pattern is only seen here.

const HOST_LABELS = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/** Why `pattern` is not a Chrome match pattern, or undefined when it is one. */
export function matchPatternProblem(pattern: string): string | undefined {
  if (pattern === '<all_urls>') return undefined;
  const match = /^([^:/]+):\/\/([^/]*)(\/.*)?$/.exec(pattern);
  if (!match) return 'not <scheme>://<host><path>';
  const [, scheme, authority, path] = match as unknown as [string, string, string, string | undefined];
  if (!['http', 'https', 'file', '*'].includes(scheme)) return `scheme ${scheme} is not http, https, file or *`;
  if (path === undefined) return 'the path is missing (host permissions take /*)';
  if (scheme === 'file') return authority === '' ? undefined : 'a file pattern has no host';
  const portAt = authority.lastIndexOf(':');
  const host = portAt >= 0 ? authority.slice(0, portAt) : authority;
  const port = portAt >= 0 ? authority.slice(portAt + 1) : undefined;
  if (port !== undefined && port !== '*' && !/^\d{1,5}$/.test(port)) return `port ${port} is not a number or *`;
  if (host === '*') return undefined;
  const named = host.startsWith('*.') ? host.slice(2) : host;
  if (named.includes('*')) return `a * in the host ${host} is allowed only as its first label`;
  if (!HOST_LABELS.test(named)) return `${host} is not a host name`;
  return undefined;
}

/** Every match pattern a manifest declares (host permissions, content scripts, web-accessible resources). */
export function manifestMatchPatterns(manifest: {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[]; exclude_matches?: string[] }[];
  web_accessible_resources?: ({ matches?: string[] } | string)[];
}): string[] {
  return [
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.matches ?? []), ...(script.exclude_matches ?? [])]),
    ...(manifest.web_accessible_resources ?? []).flatMap((resource) => (typeof resource === 'string' ? [] : (resource.matches ?? []))),
  ];
}
