import { z } from 'zod';

/**
 * Texts that repeat across buyers (item titles, SKUs, categories, raw statuses), stored once and
 * named by number in the buyer docs (buyer-codec.ts, format 3).
 *
 * Why: a title has Chinese in it, and one character above U+00FF makes the whole doc a two-byte
 * string. With the titles out, a Taobao doc is Latin-1 and a third of its former size (1M orders:
 * 94 MB instead of 271 MB), so an import stores less and a lookup reads less.
 *
 * Texts are numbered by chunk: text `j` of chunk `c` is number `c * CHUNK_SPAN + j`. A writer (an
 * import) claims a chunk of its own by adding its record (`add` fails when another writer claimed
 * it first), so two imports at once never give one number to two texts. A chunk only grows, and is
 * saved in the transaction that first writes a doc naming its new texts. A reader that meets a
 * number it has not loaded reloads the chunks (see `LexiconMiss`).
 *
 * Every chunk carries the generation of its lexicon, and every shard with docs that name texts
 * carries it too: a restore replaces both, and a reader whose loaded lexicon is of another
 * generation loads it again rather than read one lexicon's numbers with another's texts.
 */
export const CHUNK_SPAN = 1 << 20;
/** Chunks one lexicon may hold; past them (a file with hundreds of thousands of distinct titles) texts stay in the docs. */
export const MAX_CHUNKS = 1024;

export const LexiconChunkSchema = z.object({
  /** Chunk number. */
  id: z.number().int().nonnegative(),
  gen: z.string(),
  texts: z.array(z.string()),
  updatedAt: z.number().int().nonnegative(),
});
export type LexiconChunk = z.infer<typeof LexiconChunkSchema>;

/** A doc names a text this copy of the lexicon does not have (load it again), or is of another generation. */
export class LexiconMiss extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'LexiconMiss';
  }
}

export class Lexicon {
  private chunks = new Map<number, string[]>();
  private index = new Map<string, number>();
  /** The chunk this copy writes new texts into, or -1 (a reader, or no room left). */
  private own = -1;
  /** Length of the own chunk as last saved. */
  private saved = 0;

  constructor(public gen: string) {}

  /** A lexicon from its stored chunks (a generation of its own when none is stored). */
  static of(chunks: readonly LexiconChunk[], newGen: () => string): Lexicon {
    const gens = new Set(chunks.map((c) => c.gen));
    if (gens.size > 1) throw new Error(`the stored text list mixes ${gens.size} generations`);
    const lexicon = new Lexicon(chunks[0]?.gen ?? newGen());
    lexicon.load(chunks);
    return lexicon;
  }

  /** Take in stored chunks (this copy's own chunk stays as it is here: it is ahead of what is stored). */
  load(chunks: readonly LexiconChunk[]): void {
    for (const c of chunks) {
      if (c.gen !== this.gen)
        throw new LexiconMiss(`text list chunk ${c.id} is of generation ${c.gen}, not ${this.gen}`);
      if (c.id === this.own) continue;
      this.chunks.set(c.id, c.texts);
      c.texts.forEach((t, j) => {
        if (!this.index.has(t)) this.index.set(t, c.id * CHUNK_SPAN + j);
      });
    }
  }

  /** The text a doc names by number. */
  text(n: number): string {
    const t = this.chunks.get(Math.floor(n / CHUNK_SPAN))?.[n % CHUNK_SPAN];
    if (t === undefined) throw new LexiconMiss(`text #${n} is not in the loaded text list`);
    return t;
  }

  /** The next chunk number nobody has used (the one to claim). */
  nextChunk(): number {
    let next = 0;
    for (const id of this.chunks.keys()) next = Math.max(next, id + 1);
    return next;
  }

  /** Write new texts into this (just claimed, empty) chunk. */
  claim(chunk: number): void {
    this.own = chunk;
    this.saved = 0;
    this.chunks.set(chunk, []);
  }

  /** The number of a text, added to the own chunk when new; null when there is no room for it. */
  numberOf(text: string): number | null {
    const known = this.index.get(text);
    if (known !== undefined) return known;
    const mine = this.own < 0 ? undefined : this.chunks.get(this.own);
    if (!mine || mine.length >= CHUNK_SPAN) return null;
    const n = this.own * CHUNK_SPAN + mine.length;
    mine.push(text);
    this.index.set(text, n);
    return n;
  }

  /**
   * The own chunk when it has texts not saved yet, to put in the transaction that writes docs naming
   * them; call {@link markSaved} with its length once that transaction committed.
   */
  pending(now: number): LexiconChunk | null {
    const mine = this.own < 0 ? undefined : this.chunks.get(this.own);
    if (!mine || mine.length <= this.saved) return null;
    return { id: this.own, gen: this.gen, texts: mine.slice(), updatedAt: now };
  }

  markSaved(length: number): void {
    this.saved = Math.max(this.saved, length);
  }

  /**
   * The chunk whose record proves the stored lexicon is still this one: the own chunk (this run
   * added it, and a restore clears the table), else chunk 0 (no room was left to claim one).
   */
  guardChunk(): number {
    return this.own >= 0 ? this.own : 0;
  }

  /** The chunk this copy writes new texts into, or -1. */
  ownChunk(): number {
    return this.own;
  }

  /** The own chunk, when it was claimed and never given a text (to delete at the end). */
  unusedChunk(): number | null {
    return this.own >= 0 && !this.chunks.get(this.own)?.length ? this.own : null;
  }
}

/** A new generation id (random; not a secret). */
export function newLexiconGen(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}
