// Where the identity provider is: behind the same gateway as the apps (/auth), so no CORS and no configuration.
export const SCOPE = 'openid profile';

/**
 * Which public client signs in and where the provider sends the browser back: the web console and the field app
 * (ADR 0025) share this code and differ only here (both are registered in identity-service's BuiltInClients).
 */
export interface ClientConfig {
  clientId: string;
  /** The app's callback path on this origin, e.g. /console/callback. */
  callbackPath: string;
  /** sessionStorage key of the pending sign-in (state + verifier), one per app. */
  pendingKey: string;
}

export const CONSOLE_CLIENT: ClientConfig = {
  clientId: 'permitwatch-console',
  callbackPath: '/console/callback',
  pendingKey: 'permitwatch.console.signin',
};

export const FIELD_CLIENT: ClientConfig = {
  clientId: 'permitwatch-field',
  callbackPath: '/field/callback',
  pendingKey: 'permitwatch.field.signin',
};

export const provider = {
  authorize: () => `${location.origin}/auth/oauth2/authorize`,
  token: () => `${location.origin}/auth/oauth2/token`,
  logout: () => `${location.origin}/auth/connect/logout`,
  redirectUri: (client: ClientConfig) => `${location.origin}${client.callbackPath}`,
};

/** The token endpoint's answer (RFC 6749 §5.1, plus the OIDC id_token). */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  token_type: string;
}

export async function postToken(form: Record<string, string>): Promise<TokenResponse> {
  const response = await fetch(provider.token(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}`);
  }
  return (await response.json()) as TokenResponse;
}
