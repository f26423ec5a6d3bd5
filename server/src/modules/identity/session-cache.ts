import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  until: number;
}

/**
 * The guard's answer for a live session (user, token version, sign-in family → the user and their grants),
 * remembered for `SESSION_CACHE_MS` (default 1 s; 0 = off). It saved one statement on every request under load
 * (P2, docs/benchmarks.md). Every change identity makes to what that answer holds — logout, refresh-token reuse,
 * "end all sessions", disabling, password reset or change, grants, the resident's adopted name — calls
 * `forget(userId)` once it has committed, so it acts on the next request of this instance; another instance
 * may answer from its copy for at most the TTL. A lookup that started before a `forget` of its user is not kept
 * (it may have read the state just replaced). Only live sessions are kept: a refusal is never cached.
 */
@Injectable()
export class SessionCache<T = unknown> {
  private readonly entries = new Map<number, Map<string, Entry<T>>>();
  private readonly forgotten = new Map<number, number>();
  private size = 0;
  private epoch = 0;
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.sessionCacheMs;
  }

  get(userId: number, key: string): T | undefined {
    if (!this.ttlMs) return undefined;
    const entry = this.entries.get(userId)?.get(key);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.value;
    this.entries.get(userId)!.delete(key);
    this.size--;
    return undefined;
  }

  /** A mark to hand back to `set`: a `forget` of the user after it keeps the value out. */
  mark(): number {
    return this.epoch;
  }

  set(userId: number, key: string, value: T, mark: number): void {
    if (!this.ttlMs || (this.forgotten.get(userId) ?? -1) > mark) return;
    if (this.size >= MAX_ENTRIES) this.clear();
    let perUser = this.entries.get(userId);
    if (!perUser) this.entries.set(userId, (perUser = new Map()));
    if (!perUser.has(key)) this.size++;
    perUser.set(key, { value, until: Date.now() + this.ttlMs });
  }

  forget(userId: number): void {
    this.forgotten.set(userId, ++this.epoch);
    const perUser = this.entries.get(userId);
    if (perUser) {
      this.size -= perUser.size;
      this.entries.delete(userId);
    }
    // The marks only matter to lookups in flight, which end long before this many changes pile up.
    if (this.forgotten.size > MAX_ENTRIES) this.forgotten.clear();
  }

  private clear(): void {
    this.entries.clear();
    this.size = 0;
  }
}
