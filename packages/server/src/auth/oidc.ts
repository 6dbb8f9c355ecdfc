import * as client from 'openid-client';
import { buildAuthorizationUrl, classifyOidcError, IdpError, issuesIdTokens, oidcConfiguration, type Identity, type IdentityProvider, type OidcClientOptions } from './identity.ts';

export interface StandardOidcOptions extends OidcClientOptions {
  redirectUri: string;
  scope: string;
  kind?: 'oidc' | 'dev-idp';
  /** extra authorization request parameters (the dev IdP asks for prompt=login so the persona picker always shows) */
  extraParams?: Record<string, string>;
}

/**
 * A standard OpenID Connect provider (and the development IdP): the ID token proves who logged in
 * (`sub`, checked nonce); name and e-mail come from the userinfo endpoint, whose subject must match.
 */
export function standardOidcProvider(o: StandardOidcOptions): IdentityProvider {
  const configuration = oidcConfiguration(o);
  return {
    kind: o.kind ?? 'oidc',
    async authorizationUrl(p) {
      return buildAuthorizationUrl(await configuration(), o.redirectUri, o.scope, p, o.extraParams);
    },
    async handleCallback(callbackUrl, checks) {
      const config = await configuration();
      try {
        const oidc = issuesIdTokens(config);
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          ...(oidc ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
        });
        const sub = tokens.claims()?.sub;
        const info = await client.fetchUserInfo(config, tokens.access_token, sub ?? client.skipSubjectCheck);
        return identityFromClaims(info as Record<string, unknown>);
      } catch (e) {
        throw classifyOidcError(e);
      }
    },
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function identityFromClaims(c: Record<string, unknown>): Identity {
  const loginId = str(c.sub);
  if (!loginId) throw new IdpError('invalid', 'userinfo has no subject');
  const name = str(c.name) ?? ([str(c.given_name), str(c.family_name)].filter(Boolean).join(' ') || loginId);
  return { loginId, name, email: str(c.email), mobile: str(c.phone_number) };
}
