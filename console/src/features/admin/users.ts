// The users screen's rules that are not layout: the types from the provider's contract, which actions a row offers,
// and the role a new user gets by default (the one the caller may create: docs/identity.md, "who manages whom").
import type { components } from '../../api/generated/identity-service';

export type UserView = components['schemas']['UserView'];
export type UserCreate = components['schemas']['UserRequestsCreate'];
export type ClientView = components['schemas']['ClientAdministrationView'];
export type ClientCreate = components['schemas']['ClientAdministrationCreate'];
export type UserRole = NonNullable<UserView['role']>;

export const ROLES: UserRole[] = ['PROVINCE', 'CITY', 'COUNTY', 'INSPECTOR'];
export const AREA_SCOPES = [
  'directory:read',
  'directory:write',
  'inspection:read',
  'inspection:write',
  'liaison:read',
  'liaison:write',
  'reporting:read',
  'pii:read',
] as const;

export type UserAction = 'disable' | 'enable' | 'unlock' | 'resetPassword' | 'resetTotp';

/** What a row offers: disable or enable by state, unlock only while locked, reset TOTP only once enrolled. */
export function actionsOf(user: UserView, now = Date.now()): UserAction[] {
  const out: UserAction[] = [user.enabled ? 'disable' : 'enable'];
  if (isLocked(user, now)) out.push('unlock');
  out.push('resetPassword');
  if (user.totpEnrolled) out.push('resetTotp');
  return out;
}

export function isLocked(user: UserView, now = Date.now()): boolean {
  return !!user.lockedUntil && Date.parse(user.lockedUntil) > now;
}

/**
 * The roles a caller may create (the provider decides; this only preselects and narrows the choice): the province
 * PROVINCE and CITY users, a city COUNTY and INSPECTOR users, nobody else.
 */
export function creatableRoles(callerRoles: string[]): UserRole[] {
  if (callerRoles.includes('PROVINCE')) return ['CITY', 'PROVINCE'];
  if (callerRoles.includes('CITY')) return ['COUNTY', 'INSPECTOR'];
  return [];
}

/** A blank form with the caller's first creatable role; the password is temporary (changed at first sign-in). */
export function blankUser(callerRoles: string[]): UserCreate {
  return {
    username: '',
    displayName: '',
    role: creatableRoles(callerRoles)[0] ?? 'COUNTY',
    division: '',
    password: '',
    phone: undefined,
    email: undefined,
    inspectorId: undefined,
    piiRead: false,
    totpRequired: false,
  };
}

/** Empty optional strings are sent as absent, not as "" (which the provider would validate as a value). */
export function cleaned<T extends object>(form: T): T {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as T;
}
