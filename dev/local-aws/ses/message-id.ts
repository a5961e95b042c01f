import { randomUUID } from 'node:crypto';

/** SES message and feedback ids look like `010001<hex time>-<uuid>-000000`. */
export function sesId(atMs: number): string {
  return `010001${Math.floor(atMs).toString(16).padStart(11, '0')}-${randomUUID()}-000000`;
}
