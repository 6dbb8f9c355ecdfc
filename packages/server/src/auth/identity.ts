import * as client from 'openid-client';

/** Who the identity provider says logged in. The portal matches `loginId` (then `email`) to app_user. */
export interface Identity {
  loginId: string;
  name: string;
  email?: string;
  mobile?: string;
}

export interface AuthorizationParams {
  state: string;
  nonce: string;
  /** S256 challenge of the PKCE verifier kept in login_flow */
  codeChallenge: string;
}

export interface CallbackChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * One identity provider: e-Parichay, a standard OpenID Connect issuer, or the development IdP.
 * Both methods are stateless: the flow's state, nonce and verifier live in the database (login_flow).
 */
export interface IdentityProvider {
  readonly kind: 'eparichay' | 'oidc' | 'dev-idp';
  authorizationUrl(p: AuthorizationParams): Promise<URL>;
  /** exchanges the code at the token endpoint and fetches who logged in */
  handleCallback(callbackUrl: URL, checks: CallbackChecks): Promise<Identity>;
}

/**
 * Why a login failed at the identity provider: `denied` (the person cancelled or the IdP refused),
 * `invalid` (a forged, replayed or mismatched response) or `unavailable` (the IdP did not answer).
 */
export class IdpError extends Error {
  readonly kind: 'denied' | 'invalid' | 'unavailable';
  constructor(kind: 'denied' | 'invalid' | 'unavailable', message: string, cause?: unknown) {
    super(message, { cause });
    this.kind = kind;
  }
}

/** openid-client's errors → IdpError. */
export function classifyOidcError(e: unknown): IdpError {
  if (e instanceof IdpError) return e;
  if (e instanceof client.AuthorizationResponseError) return new IdpError('denied', `authorization response error: ${e.error}`, e);
  if (e instanceof client.ResponseBodyError) return new IdpError('invalid', `token endpoint refused: ${e.error}`, e);
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('OAUTH_')) {
    // a check failed (state, iss, nonce, a malformed response); a 5xx from the IdP is "unavailable"
    const status = (e as { cause?: { status?: number } }).cause?.status;
    if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && typeof status === 'number' && status >= 500) return new IdpError('unavailable', (e as Error).message, e);
    return new IdpError('invalid', (e as Error).message, e);
  }
  return new IdpError('unavailable', (e as Error)?.message ?? String(e), e);
}

export interface OidcClientOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** plain http issuers (the local dev IdP, test fakes); never in production */
  allowHttp: boolean;
  /** seconds for each call to the IdP */
  timeoutSeconds?: number;
  /** how long discovery metadata is reused */
  cacheMs?: number;
  /** how calls to the IdP are made (the dev IdP is called in-process, see dev-idp.ts injectFetch) */
  fetch?: client.CustomFetch;
}

/**
 * Discovery with a cache: the metadata is fetched on first use and then reused for an hour.
 * A failed discovery is not cached (the next login tries again).
 */
export function oidcConfiguration(o: OidcClientOptions): () => Promise<client.Configuration> {
  let cached: { at: number; config: Promise<client.Configuration> } | undefined;
  const cacheMs = o.cacheMs ?? 3_600_000;
  return () => {
    if (cached && Date.now() - cached.at < cacheMs) return cached.config;
    const auth = o.clientSecret ? client.ClientSecretPost(o.clientSecret) : client.None();
    const url = new URL(o.issuer);
    const p = client
      .discovery(url, o.clientId, o.clientSecret ? { client_secret: o.clientSecret } : undefined, auth, {
        execute: o.allowHttp && url.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: o.timeoutSeconds ?? 10,
        ...(o.fetch ? { [client.customFetch]: o.fetch } : {}),
      })
      .catch((e: unknown) => {
        cached = undefined;
        throw new IdpError('unavailable', `discovery of ${o.issuer} failed: ${(e as Error).message}`, e);
      });
    cached = { at: Date.now(), config: p };
    return p;
  };
}

/** The authorization request every adapter sends: code flow, PKCE S256, state, nonce. */
export function buildAuthorizationUrl(config: client.Configuration, redirectUri: string, scope: string, p: AuthorizationParams, extra: Record<string, string> = {}): URL {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state: p.state,
    nonce: p.nonce,
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
    ...extra,
  });
}

/** True when the IdP is an OpenID Provider (it signs ID tokens): then an ID token with our nonce is required. */
export function issuesIdTokens(config: client.Configuration): boolean {
  const m = config.serverMetadata();
  return Array.isArray(m.id_token_signing_alg_values_supported) && m.id_token_signing_alg_values_supported.length > 0;
}
