// A per-process cache of session lookups, so that a request costs one query (its own) and not two.
//
// The database stays the truth: an entry is only a copy of a lookup that found a live session, and it is used
// only while (1) this process is LISTENing to the `cscms_session` channel, on which triggers (migration 0014) announce
// every change that can end or alter a session — a session revoked, expired or deleted, a user disabled or changed, a
// role grant added, changed or removed — so that every instance drops the user's entries within milliseconds of the
// commit; (2) the entry is younger than a minute and the session was seen within the last minute (after that the
// lookup goes to the database again, which also records the activity for the idle timeout); (3) the session has not
// reached its absolute expiry. If the LISTEN connection is lost the cache is emptied and switched off until it is
// back. Code in this process that revokes sessions or changes grants also drops the entries at once
// (`forgetUserSessions`), before the notification arrives.
import type { SessionLookup } from './sessions.ts';

type Ok = Extract<SessionLookup, { state: 'ok' }>;

interface Entry {
  value: Ok;
  userId: string;
  cachedAt: number;
  /** last activity recorded in the database (ms) */
  lastSeen: number;
  expiresAt: number;
}

/** the channel the triggers of migration 0014 notify, with the user id as payload */
export const SESSION_CHANNEL = 'cscms_session';
/** an entry is trusted this long at most; the idle-timeout touch needs the database once a minute anyway */
export const SESSION_CACHE_MS = 60_000;

const caches = new Set<SessionCache>();

export class SessionCache {
  private readonly byId = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private listening = false;
  /** bumped by every invalidation: a lookup that began before one must not be cached (it may have read the old state) */
  private seq = 0;
  /** lookups answered from the cache / from the database while the cache was on (for tests and metrics) */
  hits = 0;
  misses = 0;

  private readonly maxEntries: number;

  constructor(maxEntries = 100_000) {
    this.maxEntries = maxEntries;
    caches.add(this);
  }

  get enabled(): boolean {
    return this.listening;
  }

  /** listening state from the LISTEN connection: off empties the cache (notifications may have been missed) */
  setListening(on: boolean): void {
    if (!on) this.clear();
    this.listening = on;
  }

  get(id: string, now: Date): Ok | undefined {
    if (!this.listening) return undefined;
    const e = this.byId.get(id);
    const t = now.getTime();
    if (!e || t - e.cachedAt >= SESSION_CACHE_MS || t - e.lastSeen >= SESSION_CACHE_MS || t < e.lastSeen || e.expiresAt <= t) {
      if (e) this.drop(id, e.userId);
      this.misses++;
      return undefined;
    }
    this.hits++;
    return e.value;
  }

  /** the invalidation counter, taken before a database lookup and handed back to `set` */
  get epoch(): number {
    return this.seq;
  }

  set(id: string, value: Ok, lastSeen: Date, now: Date, epoch: number): void {
    if (!this.listening || epoch !== this.seq) return;
    if (this.byId.size >= this.maxEntries) {
      // the oldest entry goes first (a Map iterates in insertion order)
      const first = this.byId.keys().next();
      if (!first.done) this.drop(first.value, this.byId.get(first.value)!.userId);
    }
    const userId = value.user.id;
    this.byId.set(id, { value, userId, cachedAt: now.getTime(), lastSeen: lastSeen.getTime(), expiresAt: value.session.expiresAt.getTime() });
    let ids = this.byUser.get(userId);
    if (!ids) this.byUser.set(userId, (ids = new Set()));
    ids.add(id);
  }

  forgetUser(userId: string): void {
    this.seq++;
    const ids = this.byUser.get(userId);
    if (!ids) return;
    for (const id of ids) this.byId.delete(id);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.seq++;
    this.byId.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.byId.size;
  }

  dispose(): void {
    this.setListening(false);
    caches.delete(this);
  }

  private drop(id: string, userId: string): void {
    this.byId.delete(id);
    const ids = this.byUser.get(userId);
    if (ids) {
      ids.delete(id);
      if (ids.size === 0) this.byUser.delete(userId);
    }
  }
}

/** Drops a user's cached sessions in every cache of this process (the triggers' notification follows the commit). */
export function forgetUserSessions(userId: string): void {
  for (const c of caches) c.forgetUser(userId);
}
