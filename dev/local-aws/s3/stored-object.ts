// An object as the emulator's S3 keeps it. A leaf: the team (auth/team.ts) holds its
// settings object, and the S3 handler (s3/team-settings.ts) reads and writes it.

export interface StoredObject {
  body: Buffer;
  etag: string;
  contentType: string;
  lastModifiedMs: number;
}
