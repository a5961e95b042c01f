// Requests addressed to AWS's own host names (a browser whose resolver sends
// `email.<region>.amazonaws.com` and the rest to the emulator's TLS port) are answered as
// AWS answers them: no CORS headers (an extension without host permissions for the
// endpoint fails as it would against AWS), only the service the host names, and a
// SigV4 scope or identity pool of the host's region. Requests to 127.0.0.1 keep the
// emulator's conveniences (CORS, every service and the control routes on one origin).

export type AwsHostService = 'ses' | 'cognito-identity' | 'sqs' | 'hosted-ui';

export interface AwsHost {
  service: AwsHostService;
  region: string;
  host: string;
}

const REGIONAL = /^(email|cognito-identity|sqs)\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/;
// A user pool's prefix domain: `<prefix>.auth.<region>.amazoncognito.com`.
const HOSTED_UI = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.auth\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazoncognito\.com$/;
const SERVICE_OF: Record<string, AwsHostService> = { email: 'ses', 'cognito-identity': 'cognito-identity', sqs: 'sqs' };

/** The AWS service and region a `Host` header names, or undefined for any other host. */
export function awsHostOf(hostHeader: string | undefined): AwsHost | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  const regional = REGIONAL.exec(host);
  if (regional) return { service: SERVICE_OF[regional[1]!]!, region: regional[2]!, host };
  const hostedUi = HOSTED_UI.exec(host);
  if (hostedUi) return { service: 'hosted-ui', region: hostedUi[1]!, host };
  return undefined;
}
