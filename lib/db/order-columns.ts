import { OrderStatusSchema, type Order, type OrderFragment, type OrderLine, type OrderStatus } from '../schemas/order';
import { encodeLine } from './buyer-codec';

/**
 * The orders an import holds, one row each, in typed columns: a year of a big shop is a million
 * orders, ~70 bytes each here instead of ~500 as objects. Rows are found by order id and owner (the
 * held buyer's number) through a hash table, whatever the number of orders per buyer. Text is
 * copied out of the file's chunks and kept once where it repeats. A row whose order does not fit the
 * packed form (see {@link OrderColumns.pack}) only holds its id; its holder keeps the order object.
 */

/**
 * Substrings of 13+ characters are views into the text they were cut from, so one order id kept
 * from each 64 KB chunk of the file keeps the whole decoded file alive. Held strings are copied.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;
/** Interning tables stop growing here (a file with more distinct texts just keeps copies). */
const INTERN_MAX = 200_000;
const STATUSES = OrderStatusSchema.options;
const STATUS_CODE = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

function newBlock() {
  return {
    idHi: new Float64Array(BLOCK), idLo: new Int32Array(BLOCK), owner: new Int32Array(BLOCK), next: new Int32Array(BLOCK),
    created: new Float64Array(BLOCK), paid: new Float64Array(BLOCK), paidCents: new Float64Array(BLOCK), refundCents: new Float64Array(BLOCK),
    status: new Int8Array(BLOCK), raw: new Int32Array(BLOCK), nick: new Int32Array(BLOCK), lines: new Int32Array(BLOCK),
  };
}

/** `YYYY-MM-DD HH:mm:ss` as the number YYYYMMDDHHmmss; NaN for null, -1 when not in that form. */
function packTime(s: string | null): number {
  if (s === null) return NaN;
  if (s.length !== 19 || s.charCodeAt(0) === 48) return -1;
  let n = 0;
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i);
    if (i === 4 || i === 7) { if (c !== 45) return -1; } else if (i === 10) { if (c !== 32) return -1; } else if (i === 13 || i === 16) { if (c !== 58) return -1; } else {
      if (c < 48 || c > 57) return -1;
      n = n * 10 + (c - 48);
    }
  }
  return n;
}

/** Text of packed times, a day and a second of the day at a time (a file has few distinct days). */
class TimeText {
  private days = new Map<number, string>();
  private lastDay = NaN;
  private lastDayText = '';
  /** By HHmmss as a number (up to 235959). */
  private seconds: (string | undefined)[] = new Array<string | undefined>(240_000);
  /** The day as `YYYY-MM-DD ` (with the space). */
  day(n: number): string {
    const day = Math.floor(n / 1e6);
    if (day === this.lastDay) return this.lastDayText;
    let d = this.days.get(day);
    if (d === undefined) {
      const s = String(day);
      this.days.set(day, (d = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} `));
    }
    this.lastDay = day;
    return (this.lastDayText = d);
  }
  /** The time of day as `HH:mm:ss`. */
  time(n: number): string {
    const time = n % 1e6;
    let t = this.seconds[time];
    if (t === undefined) {
      const s = String(1e6 + time);
      this.seconds[time] = t = `${s.slice(1, 3)}:${s.slice(3, 5)}:${s.slice(5, 7)}`;
    }
    return t;
  }
  of(n: number): string | null {
    return Number.isNaN(n) ? null : this.day(n) + this.time(n);
  }
}

/** A number as JSON writes it (NaN, a held null, and infinities are null). */
function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** Row position in the hash table of numeric ids. */
function hashId(hi: number, lo: number): number {
  let h = Math.imul(lo ^ Math.imul(hi | 0, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}

export class OrderColumns {
  size = 0;
  private blocks: ReturnType<typeof newBlock>[] = [];
  /** Order ids that are not 10–24 digits; '' where the id is packed as numbers. */
  private idText: string[] = [];
  /** Rows of numeric ids by {@link hashId}, as row + 1 (0 = empty), open addressing. */
  private table = new Int32Array(1 << 12);
  /** Text ids: the last row with that id (earlier ones are chained through `next`). */
  private textRows = new Map<string, number>();
  private texts: string[] = [];
  private textIndex = new Map<string, number>();
  private textJson: string[] = [];
  private lineSets: OrderLine[][] = [];
  private lineIndex = new Map<string, number>();
  private lineJson: string[] = [];
  private plainLines = new Map<string, Map<number, number>>();
  private times = new TimeText();
  // The last id split, as numbers (hi = all but the last 9 digits): `find` then `row` split it once.
  private splitText: string | null = null;
  private numeric = false;
  private hi = NaN;
  private lo = 0;

  /** The row of the order with this id held for `owner`, or -1. */
  find(orderId: string, owner: number): number {
    if (this.split(orderId)) {
      const { hi, lo, table } = this;
      const mask = table.length - 1;
      for (let h = hashId(hi, lo) & mask; ; h = (h + 1) & mask) {
        const e = table[h]!;
        if (e === 0) return -1;
        const r = e - 1;
        const block = this.blocks[r >>> BLOCK_BITS]!;
        const i = r & MASK;
        if (block.idLo[i] === lo && block.idHi[i] === hi && block.owner[i] === owner) return r;
      }
    }
    for (let r = this.textRows.get(orderId) ?? -1; r >= 0; ) {
      const block = this.blocks[r >>> BLOCK_BITS]!;
      if (block.owner[r & MASK] === owner) return r;
      r = block.next[r & MASK]!;
    }
    return -1;
  }

  /** A new row for this order id and owner; its other columns are filled by {@link pack}. */
  row(orderId: string, owner: number): number {
    const r = this.size++;
    if ((r & MASK) === 0) this.blocks.push(newBlock());
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const i = r & MASK;
    block.owner[i] = owner;
    if (this.split(orderId)) {
      block.idHi[i] = this.hi;
      block.idLo[i] = this.lo;
      this.idText.push('');
      if ((this.size + 1) * 2 > this.table.length) this.grow();
      this.place(r);
    } else {
      block.idHi[i] = NaN;
      const text = detach(orderId);
      this.idText.push(text);
      block.next[i] = this.textRows.get(text) ?? -1;
      this.textRows.set(text, r);
    }
    return r;
  }

  id(r: number): string {
    return this.idText[r] || this.formatId(r);
  }

  /**
   * Fill row r with the fragment's fields. False when it does not fit the packed form: a time not
   * in `YYYY-MM-DD HH:mm:ss`, a shipping time, several lines or contact details.
   */
  pack(r: number, f: OrderFragment): boolean {
    const created = packTime(f.createdAt);
    const paid = packTime(f.paidAt);
    if (created < 0 || paid < 0 || f.shippedAt || f.lines.length > 1 || f.phone !== undefined || f.address !== undefined) return false;
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const i = r & MASK;
    block.created[i] = created;
    block.paid[i] = paid;
    block.paidCents[i] = f.paidCents ?? NaN;
    block.refundCents[i] = f.refundCents ?? NaN;
    block.status[i] = f.status === null ? -1 : STATUS_CODE.get(f.status)!;
    block.raw[i] = f.rawStatus === null ? -1 : this.textRef(f.rawStatus);
    block.nick[i] = f.buyerNick === null ? -1 : this.textRef(f.buyerNick);
    block.lines[i] = f.lines.length === 0 ? -1 : this.lineRef(f.lines[0]!);
    return true;
  }

  /** The order of a packed row. Its lines array is shared between orders (never changed in place). */
  order(r: number, platform: Order['platform'], buyerKey: string, sources: string[]): Order {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const i = r & MASK;
    const paidCents = block.paidCents[i]!;
    const refundCents = block.refundCents[i]!;
    return {
      platform,
      orderId: this.id(r),
      buyerKey,
      buyerNick: block.nick[i]! < 0 ? null : this.texts[block.nick[i]!]!,
      status: block.status[i]! < 0 ? null : (STATUSES[block.status[i]!] as OrderStatus),
      rawStatus: block.raw[i]! < 0 ? null : this.texts[block.raw[i]!]!,
      createdAt: this.times.of(block.created[i]!),
      paidAt: this.times.of(block.paid[i]!),
      paidCents: Number.isNaN(paidCents) ? null : paidCents,
      refundCents: Number.isNaN(refundCents) ? null : refundCents,
      lines: block.lines[i]! < 0 ? [] : this.lineSets[block.lines[i]!]!,
      sources,
    };
  }

  /**
   * Refill `probe` with what counting reads of a packed row (status, times, amounts, lines) and
   * return it: one object for every row, where building the order is not needed.
   */
  probe(r: number, probe: Order): Order {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const i = r & MASK;
    const paidCents = block.paidCents[i]!;
    const refundCents = block.refundCents[i]!;
    probe.status = block.status[i]! < 0 ? null : (STATUSES[block.status[i]!] as OrderStatus);
    probe.createdAt = this.times.of(block.created[i]!);
    probe.paidAt = this.times.of(block.paid[i]!);
    probe.paidCents = Number.isNaN(paidCents) ? null : paidCents;
    probe.refundCents = Number.isNaN(refundCents) ? null : refundCents;
    probe.lines = block.lines[i]! < 0 ? [] : this.lineSets[block.lines[i]!]!;
    return probe;
  }

  /**
   * Push the JSON of a packed row's order as `encodeBuyer` writes it (buyer-codec.ts: an order tuple
   * whose sources are the buyer's first run) onto `out`, in pieces joined by the caller.
   */
  json(r: number, out: string[]): void {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const i = r & MASK;
    const text = this.idText[r];
    if (text) out.push('[', JSON.stringify(text), ',');
    else out.push('["', String(block.idHi[i]!), String(1e9 + block.idLo[i]!).slice(1), '",');
    out.push(String(block.status[i]), ',', block.raw[i]! < 0 ? 'null' : this.jsonOfText(block.raw[i]!), ',');
    this.timeJson(block.created[i]!, out);
    this.timeJson(block.paid[i]!, out);
    const paidCents = block.paidCents[i]!;
    const refundCents = block.refundCents[i]!;
    out.push(
      numberJson(paidCents), ',', numberJson(refundCents), ',',
      block.lines[i]! < 0 ? '[]' : this.jsonOfLines(block.lines[i]!), ',', block.nick[i]! < 0 ? 'null' : this.jsonOfText(block.nick[i]!), ',[0]]',
    );
  }

  /** Interned copy of a text. */
  text(s: string): string {
    return this.texts[this.textRef(s)]!;
  }

  /** A line with its text copied out of the file (and interned). */
  detachedLine(line: OrderLine): OrderLine {
    const out: OrderLine = { ...line, lineId: detach(line.lineId), title: this.text(line.title) };
    if (line.sku !== undefined) out.sku = this.text(line.sku);
    if (line.category !== undefined) out.category = this.text(line.category);
    return out;
  }

  private timeJson(n: number, out: string[]): void {
    if (Number.isNaN(n)) out.push('null,');
    else out.push('"', this.times.day(n), this.times.time(n), '",');
  }

  private jsonOfText(ref: number): string {
    return (this.textJson[ref] ??= JSON.stringify(this.texts[ref]));
  }

  private jsonOfLines(ref: number): string {
    return (this.lineJson[ref] ??= JSON.stringify(this.lineSets[ref]!.map(encodeLine)));
  }

  /** Sets `numeric`, `hi` and `lo` for this id (digits 10–24 long, no leading zero, split as numbers). */
  private split(id: string): boolean {
    if (id === this.splitText) return this.numeric;
    this.splitText = id;
    this.numeric = false;
    const n = id.length;
    if (n < 10 || n > 24 || id.charCodeAt(0) === 48) return false;
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < n; i++) {
      const d = id.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      if (i < n - 9) hi = hi * 10 + d;
      else lo = lo * 10 + d;
    }
    this.hi = hi;
    this.lo = lo;
    return (this.numeric = true);
  }

  private place(r: number): void {
    const { table } = this;
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const mask = table.length - 1;
    let h = hashId(block.idHi[r & MASK]!, block.idLo[r & MASK]!) & mask;
    while (table[h] !== 0) h = (h + 1) & mask;
    table[h] = r + 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (const e of old) if (e !== 0) this.place(e - 1);
  }

  private formatId(r: number): string {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    return String(block.idHi[r & MASK]!) + String(1e9 + block.idLo[r & MASK]!).slice(1);
  }

  private textRef(s: string): number {
    let at = this.textIndex.get(s);
    if (at === undefined) {
      at = this.texts.push(detach(s)) - 1;
      if (this.textIndex.size < INTERN_MAX) this.textIndex.set(this.texts[at]!, at);
    }
    return at;
  }

  private lineRef(line: OrderLine): number {
    // An order report's one line: a title and a count. Found without building a key.
    const plain = line.lineId === '' && line.sku === undefined && line.category === undefined && line.paidCents === undefined && line.refundCents === undefined;
    if (plain) {
      const at = this.plainLines.get(line.title)?.get(line.quantity);
      if (at !== undefined) return at;
    }
    const key = `${line.lineId}\u0001${line.title}\u0001${line.quantity}\u0001${line.sku ?? '\u0002'}\u0001${line.category ?? '\u0002'}\u0001${line.paidCents ?? ''}\u0001${line.refundCents ?? ''}`;
    let at = this.lineIndex.get(key);
    if (at === undefined) {
      at = this.lineSets.push([this.detachedLine(line)]) - 1;
      if (this.lineIndex.size < INTERN_MAX) this.lineIndex.set(detach(key), at);
    }
    if (plain && this.plainLines.size < INTERN_MAX) {
      const title = this.lineSets[at]![0]!.title;
      (this.plainLines.get(title) ?? this.plainLines.set(title, new Map()).get(title)!).set(line.quantity, at);
    }
    return at;
  }
}
