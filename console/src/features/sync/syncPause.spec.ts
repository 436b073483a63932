import { describe, expect, it } from 'vitest';
import { beijingTime, minutesUntil, pollMillis, resumesByItself } from './syncPause';

describe('a paused run on the sync screen', () => {
  it('is read every 10 s while it waits for its automatic resume, not at all once only an operator can resume it', () => {
    expect(pollMillis({ status: 'RUNNING' })).toBe(2000);
    expect(pollMillis({ status: 'PAUSED', pause: { reason: 'PLATFORM_UNAVAILABLE', nextRetryAt: '2026-12-05T10:31:00Z' } })).toBe(10_000);
    expect(pollMillis({ status: 'PAUSED', pause: { reason: 'RETRIES_EXHAUSTED', nextRetryAt: null } })).toBeNull();
    expect(pollMillis({ status: 'SUCCEEDED' })).toBeNull();
  });

  it('resumes by itself only with a planned time', () => {
    expect(resumesByItself({ reason: 'PLATFORM_UNAVAILABLE', nextRetryAt: '2026-12-05T10:31:00Z' })).toBe(true);
    expect(resumesByItself({ reason: 'RETRIES_EXHAUSTED', nextRetryAt: null })).toBe(false);
    expect(resumesByItself(null)).toBe(false);
  });

  it('shows the retry time in Beijing time and the minutes left', () => {
    // 10:31:07 UTC + 8 h = 18:31:07 in Beijing
    expect(beijingTime('2026-12-05T10:31:07Z')).toBe('2026/12/05 18:31:07');
    // 16:30 UTC is 00:30 of the next day in Beijing
    expect(beijingTime('2026-12-05T16:30:00Z')).toBe('2026/12/06 00:30:00');
    const now = Date.parse('2026-12-05T10:27:00Z');
    // 4 min 7 s left → 5 (rounded up: never says "due" early)
    expect(minutesUntil('2026-12-05T10:31:07Z', now)).toBe(5);
    // exactly 4 min → 4; past → 0
    expect(minutesUntil('2026-12-05T10:31:00Z', now)).toBe(4);
    expect(minutesUntil('2026-12-05T10:20:00Z', now)).toBe(0);
  });
});
