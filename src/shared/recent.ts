// A cache that keeps only what was used last: a build of a whole collection (or `folio watch`
// over hours) must not keep every font subset or image it ever made. Written here rather than
// taken from a package because it is a Map's insertion order and a few lines.

/** At most `maxEntries` values, and at most `maxSize` of them as `sizeOf` counts; the least
 * recently used go first. A Map iterates in insertion order, and a hit re-inserts its key. */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly sizeOf: (value: V) => number = () => 0,
    private readonly maxSize = Number.POSITIVE_INFINITY,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    const previous = this.map.get(key);
    if (previous !== undefined) {
      this.map.delete(key);
      this.total -= this.sizeOf(previous);
    }
    this.map.set(key, value);
    this.total += this.sizeOf(value);
    // The value just set stays, even when it alone is over the size.
    for (const [oldest, old] of this.map) {
      if (oldest === key || (this.map.size <= this.maxEntries && this.total <= this.maxSize)) break;
      this.map.delete(oldest);
      this.total -= this.sizeOf(old);
    }
  }
}
