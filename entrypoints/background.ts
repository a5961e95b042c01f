import { listen, type Handlers } from '@/lib/router';
import { loadSettings } from '@/lib/settings';
import { awsClients } from '@/lib/ses/client';
import { fetchAccount } from '@/lib/ses/account';
import { describeError } from '@/lib/ses/errors';

// Wiring only: each message name to the lib/ service that answers it.
const handlers: Handlers = {
  getAccount: async () => fetchAccount(awsClients(await loadSettings()).sesRead),
};

export default defineBackground(() => {
  // Registered synchronously: a killed worker must wake to the same listener.
  listen(browser, handlers, describeError);
});
