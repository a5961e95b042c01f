// The team's settings (ramp plan, shares, pause and resume) in one S3 object: every
// member reads it, only the lead group writes it, so a lead's resume reaches every
// browser at its next read. S3 is the cheapest store for one small document read often,
// and costs the extension nothing to bundle: a GET signed with the SigV4 signer the AWS
// SDK already ships.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TEAM_SETTINGS_READ_ACTIONS, TEAM_SETTINGS_WRITE_ACTIONS } from './calls.ts';

/** The object's key in the bucket. */
export const TEAM_SETTINGS_KEY = 'team-settings.json';

export function teamSettingsStore(scope: Construct, roles: { sdr: iam.Role; lead: iam.Role }): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'TeamSettings', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // Every earlier version of the team's settings stays: who paused, who resumed.
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const object = bucket.arnForObjects(TEAM_SETTINGS_KEY);
  roles.sdr.addToPolicy(
    new iam.PolicyStatement({ sid: 'ReadTeamSettings', actions: [...TEAM_SETTINGS_READ_ACTIONS], resources: [object] }),
  );
  roles.lead.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ReadAndWriteTeamSettings',
      actions: [...TEAM_SETTINGS_READ_ACTIONS, ...TEAM_SETTINGS_WRITE_ACTIONS],
      resources: [object],
    }),
  );
  return bucket;
}
