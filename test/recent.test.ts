import { describe, expect, it } from 'vitest';
import { RecentMap } from '../src/shared/recent.ts';

describe('RecentMap, the bounded cache of font subsets and images', () => {
  it('drops the least recently used entry past its count, a hit counting as a use', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect(map.get('b')).toBeUndefined();
    expect([map.get('a'), map.get('c'), map.size]).toEqual([1, 3, 2]);
  });

  it('drops the oldest past its size, keeps a value larger than the size alone, and counts a replaced value once', () => {
    const map = new RecentMap<string, Uint8Array>(10, (v) => v.byteLength, 100);
    map.set('a', new Uint8Array(60));
    map.set('a', new Uint8Array(60));
    map.set('b', new Uint8Array(40));
    expect(map.size).toBe(2);
    map.set('c', new Uint8Array(30));
    expect([map.get('a'), map.size]).toEqual([undefined, 2]);
    map.set('huge', new Uint8Array(500));
    expect([map.get('huge')?.byteLength, map.size]).toEqual([500, 1]);
  });
});
