// The field app's session: the console's sign-in code (auth/session.ts) with the field app's public client.
import { FIELD_CLIENT } from '../auth/provider';
import { defineSession } from '../auth/session';

export const useFieldSession = defineSession('fieldSession', FIELD_CLIENT, {
  // Offline the refresh fails and a redirect to the provider would strand the inspector on a browser error page.
  // Nothing is lost by waiting: the outbox keeps the records, and the next send asks for a sign-in (ADR 0025).
  onRefreshFailed: () => undefined,
});
