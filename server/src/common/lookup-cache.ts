import { LRUCache } from 'lru-cache';

/**
 * Reference rows a hot read shows but rarely change (house labels and project names, people's names), kept per
 * process for `ttlMs` (LOOKUP_CACHE_MS; 0 = off) on top of lru-cache. The owning module calls `forget()` after
 * every change it makes to what is kept, so the change shows on this instance's next request; another instance
 * may show the old value for at most the TTL. A lookup that started before a `forget` is not kept (it may have
 * read what was just replaced). P2 (docs/benchmarks.md): the ticket list's places and technicians statements
 * were two of its five.
 */
export class LookupCache<V extends object> {
  private readonly cache: LRUCache<string, V> | null;
  private generation = 0;

  constructor(ttlMs: number, max = 20_000) {
    this.cache = ttlMs > 0 ? new LRUCache<string, V>({ max, ttl: ttlMs }) : null;
  }

  /**
   * The values for `keys`, reading only the missing ones with `load` (which answers by key and may leave out
   * keys that do not exist; those are not kept).
   */
  async many(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const out = new Map<string, V>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.cache?.get(key);
      if (hit) out.set(key, hit);
      else missing.push(key);
    }
    if (!missing.length) return out;
    const started = this.generation;
    const loaded = await load(missing);
    for (const [key, value] of loaded) {
      out.set(key, value);
      if (this.cache && started === this.generation) this.cache.set(key, value);
    }
    return out;
  }

  forget(): void {
    this.generation++;
    this.cache?.clear();
  }
}
