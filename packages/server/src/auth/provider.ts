import type { CustomFetch } from 'openid-client';
import type { Config } from '../config.ts';
import { eParichayProvider } from './eparichay.ts';
import type { IdentityProvider } from './identity.ts';
import { standardOidcProvider } from './oidc.ts';

export const DEV_IDP_PATH = '/dev-idp';
export const DEV_CLIENT_ID = 'cscms-dev';

export const callbackUrl = (config: Config): string => `${config.publicUrl}/auth/callback`;

/** The identity provider of this installation: e-Parichay / an OIDC issuer when configured, else the dev IdP (never in production). */
export function identityProviderFor(config: Config, devIdpFetch?: CustomFetch): IdentityProvider | undefined {
  const redirectUri = callbackUrl(config);
  const allowHttp = config.env !== 'production';
  if (config.oidc) {
    const o = config.oidc;
    if (o.dialect === 'eparichay') {
      if (!o.userDetailsUrl) throw new Error('OIDC_DIALECT=eparichay needs EPARICHAY_USERDETAILS_URL (the user-details API).');
      return eParichayProvider({ issuer: o.issuer, clientId: o.clientId, clientSecret: o.clientSecret, allowHttp, redirectUri, scope: o.scope, userDetailsUrl: o.userDetailsUrl });
    }
    return standardOidcProvider({ issuer: o.issuer, clientId: o.clientId, clientSecret: o.clientSecret, allowHttp, redirectUri, scope: o.scope });
  }
  if (config.devIdp) {
    return standardOidcProvider({
      kind: 'dev-idp',
      issuer: `${config.publicUrl}${DEV_IDP_PATH}`,
      clientId: DEV_CLIENT_ID,
      allowHttp: true,
      redirectUri,
      scope: 'openid profile email',
      extraParams: { prompt: 'login' },
      cacheMs: 60_000,
      fetch: devIdpFetch,
    });
  }
  return undefined;
}
