import { describe, expect, it } from 'vitest';
import { formatAge, formatDay } from '@/lib/guardrails/age';

describe('formatDay', () => {
  it.each([
    { at: '2026-11-03T12:00:00Z', zone: undefined, day: '3 Nov 2026' },
    { at: '2026-11-03T03:00:00Z', zone: 'America/Los_Angeles', day: '2 Nov 2026' },
    { at: '2026-11-03T23:30:00Z', zone: 'Asia/Tokyo', day: '4 Nov 2026' },
    { at: '2026-11-03T12:00:00Z', zone: 'Not/AZone', day: '3 Nov 2026' },
    { at: 'not a date', zone: 'UTC', day: 'an unknown date' },
  ])('$at in $zone → $day', ({ at, zone, day }) => {
    expect(formatDay(at, zone)).toBe(day);
  });
});

describe('formatAge', () => {
  const minute = 60_000;
  it.each([
    { ms: 0, says: 'less than a minute' },
    { ms: -5 * minute, says: 'less than a minute' },
    { ms: minute, says: '1 minute' },
    { ms: 119 * minute, says: '119 minutes' },
    { ms: 120 * minute, says: '2 hours' },
    { ms: 47 * 60 * minute, says: '47 hours' },
    { ms: 48 * 60 * minute, says: '2 days' },
    { ms: 10 * 24 * 60 * minute + 5, says: '10 days' },
  ])('$ms ms → $says', ({ ms, says }) => {
    expect(formatAge(ms)).toBe(says);
  });
});
