/**
 * A fixed window per key, kept in this process's memory like the sign-in throttler. It is meant to stop one
 * account from walking through phone numbers (a script, a leaked session), not to meter a fleet: behind N
 * server processes a key may take up to N × limit per window.
 */
export class PerKeyRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one slot for the key; when none is left, says how many seconds until the window ends. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    }
    window.count++;
    return { ok: true };
  }

  /** Forget ended windows once the map grows, so memory follows active keys only. */
  private sweep(now: number): void {
    if (this.windows.size < 1000) return;
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
