import { GetContactCommand, GetSuppressedDestinationCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

// What SES itself holds about an address, read with the real SDK: the account
// suppression list's reason and the contact list's UnsubscribeAll (null: not listed).

export async function sesSuppressionReason(ses: SESv2Client, email: string): Promise<string | null> {
  try {
    return (await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: email }))).SuppressedDestination?.Reason ?? null;
  } catch (error) {
    if ((error as Error).name === 'NotFoundException') return null;
    throw error;
  }
}

export async function sesUnsubscribedAll(ses: SESv2Client, email: string, contactList = 'rampart'): Promise<boolean | null> {
  try {
    return (await ses.send(new GetContactCommand({ ContactListName: contactList, EmailAddress: email }))).UnsubscribeAll ?? false;
  } catch (error) {
    if ((error as Error).name === 'NotFoundException') return null;
    throw error;
  }
}
