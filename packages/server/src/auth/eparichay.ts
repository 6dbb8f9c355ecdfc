import * as client from 'openid-client';
import { buildAuthorizationUrl, classifyOidcError, IdpError, issuesIdTokens, oidcConfiguration, type Identity, type IdentityProvider, type OidcClientOptions } from './identity.ts';

export interface EParichayOptions extends OidcClientOptions {
  redirectUri: string;
  scope: string;
  /** e-Parichay's user-details API (EPARICHAY_USERDETAILS_URL) */
  userDetailsUrl: string;
}

/** The user-details document of e-Parichay (only the fields the portal uses). */
export interface EParichayUserDetails {
  loginId?: unknown;
  FirstName?: unknown;
  LastName?: unknown;
  MobileNo?: unknown;
  email?: unknown;
  Email?: unknown;
  emailId?: unknown;
}

/**
 * The e-Parichay adapter. Authorization code + PKCE (S256) + state + nonce like any OAuth 2.0 server;
 * then e-Parichay's dialect: the user-details call carries the RAW access token in the Authorization
 * header (no "Bearer " prefix) and answers `loginId`, `FirstName`, `LastName`, `MobileNo`.
 * When the server's metadata says it signs ID tokens, the ID token and its nonce are checked as well.
 */
export function eParichayProvider(o: EParichayOptions): IdentityProvider {
  const configuration = oidcConfiguration(o);
  const timeoutMs = (o.timeoutSeconds ?? 10) * 1000;
  return {
    kind: 'eparichay',
    async authorizationUrl(p) {
      return buildAuthorizationUrl(await configuration(), o.redirectUri, o.scope, p);
    },
    async handleCallback(callbackUrl, checks) {
      const config = await configuration();
      let accessToken: string;
      try {
        const oidc = issuesIdTokens(config);
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          ...(oidc ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
        });
        accessToken = tokens.access_token;
      } catch (e) {
        throw classifyOidcError(e);
      }
      return fetchUserDetails(o.userDetailsUrl, accessToken, timeoutMs);
    },
  };
}

/** GET the user details with `Authorization: <raw token>` (e-Parichay refuses "Bearer <token>"). */
export async function fetchUserDetails(url: string, accessToken: string, timeoutMs = 10_000): Promise<Identity> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: accessToken, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    throw new IdpError('unavailable', `e-Parichay user details did not answer: ${(e as Error).message}`, e);
  }
  if (res.status >= 500) throw new IdpError('unavailable', `e-Parichay user details answered ${res.status}`);
  if (!res.ok) throw new IdpError('invalid', `e-Parichay user details refused the token (${res.status})`);
  let body: EParichayUserDetails;
  try {
    body = (await res.json()) as EParichayUserDetails;
  } catch (e) {
    throw new IdpError('invalid', 'e-Parichay user details are not JSON', e);
  }
  return identityFromUserDetails(body);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function identityFromUserDetails(d: EParichayUserDetails): Identity {
  if (!d || typeof d !== 'object') throw new IdpError('invalid', 'e-Parichay user details are not an object');
  const loginId = str(d.loginId);
  if (!loginId) throw new IdpError('invalid', 'e-Parichay user details have no loginId');
  const name = [str(d.FirstName), str(d.LastName)].filter(Boolean).join(' ') || loginId;
  return { loginId, name, email: str(d.email) ?? str(d.Email) ?? str(d.emailId), mobile: str(d.MobileNo) };
}
