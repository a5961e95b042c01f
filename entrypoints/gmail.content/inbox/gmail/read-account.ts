import { looksLikeEmail } from '@/lib/core/email';

// The Gmail account the page is signed in to, from the page's title ("Inbox (3) -
// sdr@example.com - Gmail"; a thread's subject comes first): the email-shaped part nearest
// the end. Undefined when the title holds none. Compared with where replies go, never sent to.

export function readAccount(title: string): string | undefined {
  const parts = title.split(' - ').map((part) => part.trim());
  for (let i = parts.length - 1; i >= 0; i--) {
    if (looksLikeEmail(parts[i]!) && parts[i]!.length <= 320) return parts[i];
  }
  return undefined;
}
