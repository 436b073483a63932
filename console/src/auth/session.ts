import { defineStore } from 'pinia';
import { challengeOf, randomToken } from './pkce';
import { CONSOLE_CLIENT, SCOPE, postToken, provider, type ClientConfig, type TokenResponse } from './provider';

/** Refresh this long before the access token expires (tokens live 10 min, docs/identity.md). */
const REFRESH_MARGIN_MS = 60_000;

interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
}

/** The caller as the access token names it: the division every screen is limited to. */
export interface Caller {
  subject: string;
  name: string;
  division: string;
  roles: string[];
}

function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export interface SessionOptions {
  /**
   * What to do when the scheduled refresh fails. The console signs in again at once; the field app must not (offline,
   * the provider is unreachable and the redirect would leave the app for a browser error page): it keeps its queue
   * and asks for a sign-in when the network is back (ADR 0025).
   */
  onRefreshFailed: (session: { signIn(returnTo: string): Promise<void> }) => void;
}

/** A session store for one public client: the console's ({@link useSession}) or the field app's. */
export function defineSession(storeId: string, client: ClientConfig, options: SessionOptions) {
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<void> | undefined;
  const CLIENT_ID = client.clientId;
  const PENDING_KEY = client.pendingKey;
  const redirectUri = () => provider.redirectUri(client);

  return defineStore(storeId, {
    // In memory only: a reload signs in again (silently while the provider's own session lasts).
    state: () => ({
      accessToken: '' as string,
      refreshToken: '' as string,
      idToken: '' as string,
      expiresAt: 0,
      caller: null as Caller | null,
    }),
    getters: {
      signedIn: (s) => s.accessToken !== '' && s.caller !== null,
    },
    actions: {
      async signIn(returnTo: string): Promise<void> {
        const pending: PendingSignIn = { state: randomToken(16), verifier: randomToken(32), returnTo };
        sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
        const url = new URL(provider.authorize());
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id: CLIENT_ID,
          redirect_uri: redirectUri(),
          scope: SCOPE,
          state: pending.state,
          code_challenge: await challengeOf(pending.verifier),
          code_challenge_method: 'S256',
        }).toString();
        location.assign(url.toString());
      },

      /** The provider's redirect back: checks state, trades the code (with the verifier) for tokens. */
      async completeSignIn(code: string, state: string): Promise<string> {
        const raw = sessionStorage.getItem(PENDING_KEY);
        sessionStorage.removeItem(PENDING_KEY);
        const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
        if (!pending || pending.state !== state) {
          throw new Error('state mismatch');
        }
        this.accept(
          await postToken({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri(),
            client_id: CLIENT_ID,
            code_verifier: pending.verifier,
          }),
        );
        return pending.returnTo;
      },

      accept(tokens: TokenResponse): void {
        const claims = claimsOf(tokens.access_token);
        this.accessToken = tokens.access_token;
        // Rotation: every refresh returns a new refresh token and the old one is refused.
        this.refreshToken = tokens.refresh_token ?? this.refreshToken;
        this.idToken = tokens.id_token ?? this.idToken;
        this.expiresAt = Date.now() + tokens.expires_in * 1000;
        this.caller = {
          subject: String(claims.sub ?? ''),
          name: String(claims.name ?? claims.sub ?? ''),
          division: String(claims.division ?? ''),
          roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
        };
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(
          () => void this.refresh().catch(() => options.onRefreshFailed(this)),
          Math.max(this.expiresAt - Date.now() - REFRESH_MARGIN_MS, 1_000),
        );
      },

      async refresh(): Promise<void> {
        if (!this.refreshToken) throw new Error('no refresh token');
        // One refresh at a time: a second use of a rotated refresh token would be refused.
        refreshing ??= postToken({ grant_type: 'refresh_token', refresh_token: this.refreshToken, client_id: CLIENT_ID })
          .then((tokens) => this.accept(tokens))
          .finally(() => (refreshing = undefined));
        return refreshing;
      },

      /** A token good for at least the margin, for the API client. */
      async freshToken(): Promise<string> {
        if (this.expiresAt - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
        return this.accessToken;
      },

      signOut(): void {
        const url = new URL(provider.logout());
        url.search = new URLSearchParams({
          id_token_hint: this.idToken,
          post_logout_redirect_uri: redirectUri(),
        }).toString();
        clearTimeout(refreshTimer);
        this.$reset();
        location.assign(url.toString());
      },
    },
  });
}

export const useSession = defineSession('session', CONSOLE_CLIENT, {
  onRefreshFailed: (session) => void session.signIn(location.pathname),
});
