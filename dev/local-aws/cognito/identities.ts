import { randomUUID } from 'node:crypto';

/** Cognito identity ids handed out by GetId, each bound to its pool (kept across resets). */
export class IdentityStore {
  private readonly poolOf = new Map<string, string>();

  create(poolId: string): string {
    const region = poolId.split(':')[0] ?? 'us-east-1';
    const identityId = `${region}:${randomUUID()}`;
    this.poolOf.set(identityId, poolId);
    return identityId;
  }

  poolFor(identityId: string): string | undefined {
    return this.poolOf.get(identityId);
  }
}
