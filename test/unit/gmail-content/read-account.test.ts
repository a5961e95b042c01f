import { describe, expect, it } from 'vitest';
import { readAccount } from '@/entrypoints/gmail.content/inbox/gmail/read-account';

describe('the Gmail account, from the page title', () => {
  it.each([
    { title: 'Inbox - sdr@outbound.example.com - Gmail', account: 'sdr@outbound.example.com' },
    { title: 'Inbox (12) - Dana.Smith@example.co.uk - Example Corp Mail', account: 'Dana.Smith@example.co.uk' },
    // A thread's subject comes first and may hold an address of its own.
    { title: 'Re: intro - pat@prospect.example - or not - sdr@example.com - Gmail', account: 'sdr@example.com' },
    { title: 'Recibidos - sdr@ejemplo.es - Gmail', account: 'sdr@ejemplo.es' },
    { title: 'Gmail', account: undefined },
    { title: 'Inbox - not an address - Gmail', account: undefined },
    { title: '', account: undefined },
  ])('$title → $account', ({ title, account }) => {
    expect(readAccount(title)).toBe(account);
  });
});
