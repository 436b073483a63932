import { describe, expect, it } from 'vitest';
import { actionsOf, blankUser, cleaned, creatableRoles, isLocked, type UserView } from './users';

describe('the users screen', () => {
  const now = Date.parse('2027-06-09T10:00:00Z');
  const user: UserView = { id: 'u1', username: 'xd-clerk', enabled: true, totpEnrolled: false };

  it('offers disable for an enabled user and enable for a disabled one', () => {
    expect(actionsOf(user, now)).toEqual(['disable', 'resetPassword']);
    expect(actionsOf({ ...user, enabled: false }, now)).toEqual(['enable', 'resetPassword']);
  });

  it('offers unlock only while the lockout lasts and reset TOTP only once enrolled', () => {
    const locked = { ...user, lockedUntil: '2027-06-09T10:15:00Z', totpEnrolled: true };
    expect(isLocked(locked, now)).toBe(true);
    expect(actionsOf(locked, now)).toEqual(['disable', 'unlock', 'resetPassword', 'resetTotp']);
    // 15 minutes later the lock has run out by itself: no unlock
    expect(actionsOf(locked, now + 15 * 60_000)).toEqual(['disable', 'resetPassword', 'resetTotp']);
  });

  it('preselects the role the caller may create (docs/identity.md: who manages whom)', () => {
    expect(creatableRoles(['PROVINCE'])).toEqual(['CITY', 'PROVINCE']);
    expect(creatableRoles(['CITY'])).toEqual(['COUNTY', 'INSPECTOR']);
    expect(creatableRoles(['COUNTY'])).toEqual([]);
    expect(blankUser(['CITY']).role).toBe('COUNTY');
  });

  it('sends empty optional fields as absent', () => {
    expect(cleaned({ username: 'a', phone: '', email: undefined, piiRead: false })).toEqual({ username: 'a', piiRead: false });
  });
});
