import { describe, expect, it } from 'vitest';
import { localDay, nextDayStart } from '@/lib/core/calendar';

// When today's caps reset: the plan's zone's next midnight, as an instant.

describe('nextDayStart', () => {
  it.each([
    ['2026-12-02T12:34:56Z', 'UTC', '2026-12-03T00:00:00.000Z'],
    ['2026-12-02T12:34:56Z', 'America/New_York', '2026-12-03T05:00:00.000Z'],
    // 22:00 in New York the evening before its clocks spring forward.
    ['2026-03-08T03:00:00Z', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    // Half an hour off UTC, already past its midnight.
    ['2026-12-02T20:00:00Z', 'Asia/Kolkata', '2026-12-03T18:30:00.000Z'],
    // Madrid's 25-hour day, when its clocks fall back.
    ['2026-10-25T00:30:00Z', 'Europe/Madrid', '2026-10-25T23:00:00.000Z'],
    // A minute before midnight.
    ['2026-12-02T23:59:00Z', 'UTC', '2026-12-03T00:00:00.000Z'],
  ])('%s in %s → %s', (at, zone, expected) => {
    const next = nextDayStart(new Date(at), zone);
    expect(next.toISOString()).toBe(expected);
    // The instant starts the next day there, and the minute before is still today.
    expect(localDay(next, zone)).not.toBe(localDay(new Date(at), zone));
    expect(localDay(new Date(next.getTime() - 60_000), zone)).toBe(localDay(new Date(at), zone));
  });
});
