import { LookupCache } from './lookup-cache';

describe('LookupCache', () => {
  const loader = (calls: string[][]) => async (missing: string[]) => {
    calls.push(missing);
    return new Map(missing.filter((k) => k !== 'gone').map((k) => [k, { v: k }]));
  };

  it('reads only what it does not hold, and does not keep keys that do not exist', async () => {
    const calls: string[][] = [];
    const cache = new LookupCache<{ v: string }>(60_000);
    expect([...(await cache.many(['a', 'b', 'a'], loader(calls))).keys()]).toEqual(['a', 'b']);
    expect([...(await cache.many(['a', 'b', 'c', 'gone'], loader(calls))).keys()].sort()).toEqual(['a', 'b', 'c']);
    await cache.many(['gone'], loader(calls));
    expect(calls).toEqual([['a', 'b'], ['c', 'gone'], ['gone']]);
  });

  it('reads again after forget, and after the time to live', async () => {
    const calls: string[][] = [];
    const cache = new LookupCache<{ v: string }>(100);
    await cache.many(['a'], loader(calls));
    cache.forget();
    await cache.many(['a'], loader(calls));
    await cache.many(['a'], loader(calls));
    expect(calls).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 150));
    await cache.many(['a'], loader(calls));
    expect(calls).toEqual([['a'], ['a'], ['a']]);
  });

  it('does not keep what a lookup read while a forget happened', async () => {
    const calls: string[][] = [];
    const cache = new LookupCache<{ v: string }>(60_000);
    let release!: () => void;
    const slow = cache.many(['a'], async (missing) => {
      await new Promise<void>((r) => (release = r));
      return loader(calls)(missing);
    });
    await Promise.resolve();
    cache.forget();
    release();
    expect((await slow).get('a')).toEqual({ v: 'a' });
    await cache.many(['a'], loader(calls));
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('keeps nothing when the time to live is 0', async () => {
    const calls: string[][] = [];
    const cache = new LookupCache<{ v: string }>(0);
    await cache.many(['a'], loader(calls));
    await cache.many(['a'], loader(calls));
    expect(calls).toEqual([['a'], ['a']]);
  });
});
