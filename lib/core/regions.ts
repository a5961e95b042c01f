// The commercial AWS regions where Amazon SES's v2 API is offered: Rampart offers exactly
// these in its settings and the production build asks for host permissions in each.
//
// Source: "Amazon Simple Email Service endpoints and quotas", Service API endpoints
// (https://docs.aws.amazon.com/general/latest/gr/ses.html), the `aws` partition only
// (no GovCloud, China or European Sovereign Cloud: their host names differ). Cognito
// Identity ("Amazon Cognito Identity endpoints and quotas") and SQS ("Amazon Simple Queue
// Service endpoints and quotas") are offered in each of them too. When AWS opens SES in
// a new region, add it here: the manifest, the options and the validation follow.

export const SES_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'sa-east-1',
] as const;

export type SesRegion = (typeof SES_REGIONS)[number];

export function isSesRegion(region: string): region is SesRegion {
  return (SES_REGIONS as readonly string[]).includes(region);
}

/** The public endpoints the AWS SDK calls in a region (its default endpoint rules). */
export function regionEndpointHosts(region: string): { ses: string; cognitoIdentity: string; sqs: string } {
  return {
    ses: `email.${region}.amazonaws.com`,
    cognitoIdentity: `cognito-identity.${region}.amazonaws.com`,
    sqs: `sqs.${region}.amazonaws.com`,
  };
}

/**
 * Chrome match patterns for one region's SES v2, Cognito Identity and SQS endpoints, and
 * its S3 buckets by their virtual-hosted names (`<bucket>.s3.<region>.amazonaws.com`: the
 * team's settings object, whose bucket name each team's stack makes up).
 */
export function regionHostPermissions(region: string): string[] {
  return [...Object.values(regionEndpointHosts(region)).map((host) => `https://${host}/*`), `https://*.s3.${region}.amazonaws.com/*`];
}

/**
 * The user pool's hosted UI (`<domain>.auth.<region>.amazoncognito.com`): Chrome allows a
 * `*` only as a host's first label, so one pattern covers every team's domain.
 */
export const HOSTED_UI_HOST_PERMISSION = 'https://*.amazoncognito.com/*';

/** What the production manifest asks for: every offered region's three endpoints and the hosted UI. */
export function productionHostPermissions(): string[] {
  return [...SES_REGIONS.flatMap(regionHostPermissions), HOSTED_UI_HOST_PERMISSION];
}
