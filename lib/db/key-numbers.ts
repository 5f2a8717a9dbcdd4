import { fnv1a } from './hash';

/**
 * Numbers for strings, 0, 1, 2… in the order they are first seen: an open-addressing table in
 * one typed array. An import looks up a million buyer keys, each a fresh string cut from the
 * file, among a couple of hundred thousand; a `Map` then follows a bucket, an entry and the
 * stored key (three places far apart in memory), where this reads one slot (the key's number and
 * hash side by side) and, when the hashes match, the stored key.
 */
export class KeyNumbers {
  readonly keys: string[] = [];
  /** Per slot: key number + 1 (0 = empty), then the key's hash. */
  private table = new Int32Array(2 << 10);

  get size(): number {
    return this.keys.length;
  }

  /**
   * The key's number; a new key gets the next one, {@link size} before the call, and is kept as
   * `keep(key)` returns it (a copy, say).
   */
  add(key: string, keep: (key: string) => string = (k) => k): number {
    const h = fnv1a(key) | 0;
    const { table, keys } = this;
    const mask = (table.length >> 1) - 1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const e = table[2 * s]!;
      if (e === 0) break;
      if (table[2 * s + 1] === h && keys[e - 1] === key) return e - 1;
    }
    const n = keys.push(keep(key)) - 1;
    table[2 * s] = n + 1;
    table[2 * s + 1] = h;
    if (keys.length * 4 > table.length) this.grow();
    return n;
  }

  private grow(): void {
    const old = this.table;
    const table = (this.table = new Int32Array(old.length * 4));
    const mask = (table.length >> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o] === 0) continue;
      let s = old[o + 1]! & mask;
      while (table[2 * s] !== 0) s = (s + 1) & mask;
      table[2 * s] = old[o]!;
      table[2 * s + 1] = old[o + 1]!;
    }
  }
}
