import type { FastifyRequest } from 'fastify';
import { one, sql, type Executor } from '../db/client.ts';
import { AppError } from '../http/errors.ts';

const WINDOW_MS = 60_000;

/**
 * Counts one login request of an IP in the current one-minute window, in the database (rate_counter),
 * so that every instance sharing the database shares the count. Returns the hits so far.
 */
export async function countLoginHit(ex: Executor, ip: string, now: Date): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS).toISOString();
  const bucket = `login:${ip}`;
  const r = await one<{ hits: number }>(ex, sql`
    INSERT INTO rate_counter (bucket, window_start, hits) VALUES (${bucket}, ${windowStart}, 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counter.hits + 1
    RETURNING hits`);
  const hits = r?.hits ?? 1;
  if (hits === 1) {
    // the first hit of a window: sweep windows over an hour old (the table stays small)
    await ex.execute(sql`DELETE FROM rate_counter WHERE bucket LIKE 'login:%' AND window_start < ${new Date(now.getTime() - 3_600_000).toISOString()}`);
  }
  return hits;
}

/** onRequest hook of the login endpoints: more than `max` a minute from one IP → 429 RATE_LIMITED (Retry-After). */
export function loginRateLimit(ex: Executor, clock: { now(): Date }, max: number) {
  return async (req: FastifyRequest): Promise<void> => {
    const hits = await countLoginHit(ex, req.ip, clock.now());
    if (hits > max) throw new AppError('RATE_LIMITED');
  };
}
