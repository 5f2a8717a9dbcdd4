/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every literal in one
 * left-to-right pass, so matching cost grows with the message, not with the size of the taxonomy.
 */
export class AhoCorasick<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Payloads ending exactly at this node. */
  private readonly out: { length: number; value: T }[][] = [[]];
  /** Nearest node on the fail chain that has payloads (-1: none), so reporting skips empty nodes. */
  private readonly outLink: number[] = [-1];
  private built = false;

  add(word: string, value: T): void {
    if (this.built) throw new Error('AhoCorasick: add() after build()');
    if (word.length === 0) return;
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let child = this.next[node]!.get(c);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.outLink.push(-1);
        this.next[node]!.set(c, child);
      }
      node = child;
    }
    this.out[node]!.push({ length: word.length, value });
  }

  build(): this {
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.outLink[child] = this.out[fc]!.length > 0 ? fc : this.outLink[fc]!;
        queue.push(child);
      }
    }
    this.built = true;
    return this;
  }

  /** Calls `onMatch(value, start, end)` for every occurrence, `end` exclusive, in order of `end`. */
  search(text: string, onMatch: (value: T, start: number, end: number) => void): void {
    if (!this.built) this.build();
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let child = this.next[node]!.get(c);
      while (child === undefined && node !== 0) {
        node = this.fail[node]!;
        child = this.next[node]!.get(c);
      }
      node = child ?? 0;
      for (
        let report = this.out[node]!.length > 0 ? node : this.outLink[node]!;
        report > 0;
        report = this.outLink[report]!
      ) {
        for (const { length, value } of this.out[report]!) onMatch(value, i + 1 - length, i + 1);
      }
    }
  }
}
