import type { AppConfig } from '../../config/app-config';
import { SessionCache } from './session-cache';

const cache = (ms: number) => new SessionCache<string>({ sessionCacheMs: ms } as AppConfig);

describe('SessionCache (the guard answer kept for SESSION_CACHE_MS)', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a kept session until the TTL runs out', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const c = cache(1000);
    c.set(7, '1:fam', 'user 7', c.mark());
    expect(c.get(7, '1:fam')).toBe('user 7');
    expect(c.get(7, '2:fam')).toBeUndefined();
    jest.setSystemTime(1_000_999);
    expect(c.get(7, '1:fam')).toBe('user 7');
    jest.setSystemTime(1_001_000);
    expect(c.get(7, '1:fam')).toBeUndefined();
  });

  it('forgets every session of a user at once and leaves other users alone', () => {
    const c = cache(1000);
    c.set(7, '1:a', 'a', c.mark());
    c.set(7, '1:b', 'b', c.mark());
    c.set(8, '1:c', 'c', c.mark());
    c.forget(7);
    expect(c.get(7, '1:a')).toBeUndefined();
    expect(c.get(7, '1:b')).toBeUndefined();
    expect(c.get(8, '1:c')).toBe('c');
  });

  it('does not keep a lookup that started before the user was forgotten (it may have read the old state)', () => {
    const c = cache(1000);
    const mark = c.mark();
    c.forget(7); // e.g. "end all sessions" committed while the lookup was in flight
    c.set(7, '1:a', 'stale', mark);
    expect(c.get(7, '1:a')).toBeUndefined();
    c.set(7, '1:a', 'fresh', c.mark());
    expect(c.get(7, '1:a')).toBe('fresh');
  });

  it('keeps nothing when SESSION_CACHE_MS is 0', () => {
    const c = cache(0);
    c.set(7, '1:a', 'a', c.mark());
    expect(c.get(7, '1:a')).toBeUndefined();
  });
});
