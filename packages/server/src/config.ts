import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** the one origin all URLs (OIDC redirect, issuer of the dev IdP, verification links) derive from */
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  DATA_DIR: z.string().default('./data'),
  /** demo employees generated on the first start of an empty database (embedded mode); 0 = none */
  SEED_EMPLOYEES: z.coerce.number().int().min(0).max(100_000).default(2000),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** 'eparichay' speaks e-Parichay's user-details dialect; 'standard' uses OIDC userinfo */
  OIDC_DIALECT: z.enum(['eparichay', 'standard']).default('eparichay'),
  EPARICHAY_USERDETAILS_URL: z.url().optional(),
  OIDC_SCOPE: z.string().default('openid profile email'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('CSCMS <no-reply@cscms.invalid>'),
  AUDIT_SIGNING_KEY: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  /** cache session lookups in each process while PostgreSQL's change notifications are heard (auth/session-cache.ts) */
  SESSION_CACHE: bool.default(true),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  JOBS: bool.default(true),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  /** iGOT Karmayogi APIs (para 3.6); unset = the embedded course catalogue */
  IGOT_BASE_URL: z.url().optional(),
  IGOT_API_KEY: z.string().optional(),
  /** development and test only: the portal's clock runs this many days ahead (negative: behind), to walk through
   *  time-bound workflows (preference windows, deadlines, publication dates) without waiting; refused in production */
  CLOCK_OFFSET_DAYS: z.coerce.number().int().min(-3650).max(3650).default(0),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  secureCookies: boolean;
  databaseUrl?: string;
  dbPoolSize: number;
  dataDir: string;
  seedEmployees: number;
  oidc?: { issuer: string; clientId: string; clientSecret?: string; dialect: 'eparichay' | 'standard'; userDetailsUrl?: string; scope: string };
  /** the development identity provider: only in embedded/dev mode, never with an external issuer or in production */
  devIdp: boolean;
  smtpUrl?: string;
  mailFrom: string;
  auditSigningKey?: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** false: every request looks its session up in the database (default true) */
  sessionCache?: boolean;
  rateLimitApiPerMinute: number;
  rateLimitLoginPerMinute: number;
  jobs: boolean;
  chromiumPath: string;
  logLevel: string;
  trustProxy: boolean;
  igot?: { baseUrl: string; apiKey?: string };
  /** days the portal's clock is moved from the system clock (0 in production) */
  clockOffsetDays: number;
}

export class ConfigError extends Error {}

/** Reads and checks the environment once at start-up; a wrong setting stops the start with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) throw new ConfigError('OIDC_ISSUER is set but OIDC_CLIENT_ID is not.');
  if (e.NODE_ENV === 'production') {
    if (!e.OIDC_ISSUER) throw new ConfigError('Production mode needs an external identity provider: set OIDC_ISSUER and OIDC_CLIENT_ID (e-Parichay). The development identity provider is never available in production.');
    if (!publicUrl.startsWith('https://')) throw new ConfigError('Production mode needs PUBLIC_URL to be an https:// URL (secure cookies).');
    if (!e.AUDIT_SIGNING_KEY) throw new ConfigError('Production mode needs AUDIT_SIGNING_KEY (an Ed25519 private key in PEM) to sign the audit chain head.');
    if (e.CLOCK_OFFSET_DAYS !== 0) throw new ConfigError('CLOCK_OFFSET_DAYS is for development and tests only: production runs on the real clock.');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    dataDir: path.resolve(e.DATA_DIR),
    seedEmployees: e.SEED_EMPLOYEES,
    oidc: e.OIDC_ISSUER
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID as string, clientSecret: e.OIDC_CLIENT_SECRET, dialect: e.OIDC_DIALECT, userDetailsUrl: e.EPARICHAY_USERDETAILS_URL, scope: e.OIDC_SCOPE }
      : undefined,
    devIdp: !e.OIDC_ISSUER && e.NODE_ENV !== 'production',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    auditSigningKey: e.AUDIT_SIGNING_KEY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    sessionCache: e.SESSION_CACHE,
    rateLimitApiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
    rateLimitLoginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
    jobs: e.JOBS,
    chromiumPath: e.CHROMIUM_PATH,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    igot: e.IGOT_BASE_URL ? { baseUrl: e.IGOT_BASE_URL.replace(/\/$/, ''), apiKey: e.IGOT_API_KEY } : undefined,
    clockOffsetDays: e.CLOCK_OFFSET_DAYS,
  };
}
