import { describe, expect, it } from 'vitest';
import { badgeColor, badgeText, showCapBadge } from '@/lib/dashboard/badge';
import type { CapTodayView } from '@/lib/dashboard/view';

const viewWith = (remaining: number | null): CapTodayView =>
  ({
    now: '2026-11-20T12:00:00.000Z',
    today: '2026-11-20',
    account: null,
    sandbox: false,
    ramp: null,
    cap: remaining === null ? { view: null } : { view: { remaining, limit: 'mine', of: 60, sentence: '' } },
  }) as unknown as CapTodayView;

describe('the toolbar badge', () => {
  it('shows the number the popup leads with, in at most four characters', () => {
    expect(badgeText(viewWith(42))).toBe('42');
    expect(badgeText(viewWith(0))).toBe('0');
    expect(badgeText(viewWith(999))).toBe('999');
    expect(badgeText(viewWith(12_000))).toBe('999+');
  });

  it('shows nothing when there is no cap to show', () => {
    expect(badgeText(viewWith(null))).toBe('');
  });

  it('is red when nothing is left today', () => {
    expect(badgeColor(viewWith(0))).toBe('#b3261e');
    expect(badgeColor(viewWith(3))).toBe('#146c2e');
  });

  it('sets colour and text, and a browser that refuses leaves it as it was without throwing', async () => {
    const calls: string[] = [];
    await showCapBadge(viewWith(7), {
      setBadgeBackgroundColor: async ({ color }) => void calls.push(color),
      setBadgeText: async ({ text }) => void calls.push(text),
    });
    expect(calls).toEqual(['#146c2e', '7']);
    await expect(
      showCapBadge(viewWith(7), {
        setBadgeBackgroundColor: async () => Promise.reject(new Error('no action')),
        setBadgeText: async () => undefined,
      }),
    ).resolves.toBeUndefined();
  });
});
