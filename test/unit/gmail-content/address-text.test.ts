import { describe, expect, it } from 'vitest';
import { parseAddressText } from '@/entrypoints/gmail.content/inbox/gmail/address-text';

// Gmail's `Name <email>` in its hidden inputs (From, older recipient chips).
describe('parseAddressText', () => {
  it.each([
    ['pat@prospect.example', { email: 'pat@prospect.example' }],
    ['Pat Prospect <pat@prospect.example>', { email: 'pat@prospect.example', name: 'Pat Prospect' }],
    ['"Lead, Lee" <lee@prospect.example>', { email: 'lee@prospect.example', name: 'Lead, Lee' }],
    ['"Say \\"hi\\"" <hi@prospect.example>', { email: 'hi@prospect.example', name: 'Say "hi"' }],
    ['  <bare@prospect.example>  ', { email: 'bare@prospect.example' }],
    ['jo@prospect.example <jo@prospect.example>', { email: 'jo@prospect.example' }],
  ])('reads %j', (text, expected) => {
    expect(parseAddressText(text)).toEqual(expected);
  });

  it.each(['', 'Pat Prospect', 'Pat <not an address>', 'a@b c@d', 'Pat <pat@prospect.example> trailing', '<a@b><c@d>'])(
    'refuses %j rather than guessing',
    (text) => {
      expect(parseAddressText(text)).toBeNull();
    },
  );
});
