import { describe, expect, it } from 'vitest';
import { defaultMonth } from './drawMonth';

describe('the month a new draw defaults to', () => {
  it('is this month inside the plan\'s year, else the plan year\'s January', () => {
    expect(defaultMonth(2026, new Date(2026, 11, 5))).toBe('2026-12'); // month index 11 = December
    expect(defaultMonth(2026, new Date(2026, 2, 1))).toBe('2026-03');
    expect(defaultMonth(2027, new Date(2026, 11, 5))).toBe('2027-01');
  });
});
