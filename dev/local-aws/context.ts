import type { EmulatorClock } from './clock';
import type { CredentialRegistry } from './credentials';
import type { Faults } from './faults';
import type { MailViewer } from './mail-viewer';
import type { QueueStore } from './sqs/queues';
import type { IdentityStore } from './cognito/identities';
import type { AuthState } from './auth/state';
import type { State } from './state';

/** What every handler works on. `state` is replaced wholesale by a reset. */
export interface Emulator {
  clock: EmulatorClock;
  credentials: CredentialRegistry;
  cognitoIdentities: IdentityStore;
  /** Sign-in: the user pool, logins and the authenticated role's policy (auth/). */
  auth: AuthState;
  queues: QueueStore;
  faults: Faults;
  mailViewer: MailViewer | undefined;
  state: State;
  /** The region the emulator stands for (SES's messages, ARNs, the pools' ids); us-east-1 unless started otherwise. */
  region: string;
}
