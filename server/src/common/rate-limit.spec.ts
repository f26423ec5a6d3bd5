import { PerKeyRateLimiter } from './rate-limit';

describe('PerKeyRateLimiter', () => {
  it('gives each key its own limit per window and opens again when the window ends', () => {
    let now = 1_000_000;
    const limiter = new PerKeyRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.take('user:1')).toEqual({ ok: true });
    expect(limiter.take('user:1')).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.take('user:2')).toEqual({ ok: true });
    now += 45_500;
    expect(limiter.take('user:1')).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 14_500;
    expect(limiter.take('user:1')).toEqual({ ok: true });
  });

  it('forgets ended windows once many keys were seen', () => {
    let now = 0;
    const limiter = new PerKeyRateLimiter(1, 1000, () => now);
    for (let i = 0; i < 1500; i++) limiter.take(`k${i}`);
    now += 1000;
    limiter.take('fresh');
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
