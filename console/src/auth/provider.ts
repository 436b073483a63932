// Where the identity provider is: behind the same gateway as the console (/auth), so no CORS and no configuration.
export const CLIENT_ID = 'permitwatch-console';
export const SCOPE = 'openid profile';

export const provider = {
  authorize: () => `${location.origin}/auth/oauth2/authorize`,
  token: () => `${location.origin}/auth/oauth2/token`,
  logout: () => `${location.origin}/auth/connect/logout`,
  redirectUri: () => `${location.origin}/console/callback`,
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
