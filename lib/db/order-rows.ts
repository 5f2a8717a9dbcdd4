import { OrderStatusSchema, type Order, type OrderFragment, type OrderLine, type OrderStatus } from '../schemas/order';
import { encodeLines } from './buyer-codec';
import { latinWith, refJson, str } from './doc-text';
import type { Lexicon } from './lexicon';
import { TimeReader, TimeText } from './packed-time';

/**
 * The orders an import holds, one row of 16 int32 each (see the field offsets below): a year of a
 * big shop is a million orders, 64 bytes each here instead of ~500 as objects. Rows are found by order id and owner (the
 * held buyer's number) through a hash table, whatever the number of orders per buyer. Text is
 * copied out of the file's chunks and kept once where it repeats. A row whose order does not fit the
 * packed form (see {@link OrderRows.pack}) only holds its id; its holder keeps the order object.
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

/**
 * A row's fields sit next to each other, so reading an order touches one or two cache lines, not
 * one per field (a buyer's orders are scattered over the file). Fields, by offset:
 */
const ID_TOP = 0; // numeric id: digits before the last 18 (-1: the id is text, see idText)
const ID_MID = 1; // the 9 digits before the last 9
const ID_LOW = 2; // the last 9 digits
const OWNER = 3; // the held buyer's number
const NEXT = 4; // text ids: the previous row with the same id, or -1
const CREATED_DAY = 5; // YYYYMMDD, -1 for no time
const CREATED_TIME = 6; // HHmmss
const PAID_DAY = 7;
const PAID_TIME = 8;
const PAID_CENTS = 9;
const REFUND_CENTS = 10;
const STATUS = 11; // status code, -1 for null
const RAW = 12; // text ref of the raw status, -1 for null
const NICK = 13; // text ref, -1 for null
const LINES = 14; // line set ref, -1 for no lines
const NULLS = 15; // bit 0: paid cents null, bit 1: refund cents null, bits 2–31: carrier text ref + 1 (0: none)
const STRIDE = 16;
const CENTS_MAX = 2 ** 31 - 1;

/** Digits of 0…999,999,999 padded to nine (ids are stored split at their last nine digits). */
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000'];
function nine(n: number): string {
  const s = String(n);
  return s.length < 9 ? ZEROS[9 - s.length]! + s : s;
}

/** Row position in the hash table of numeric ids. */
function hashId(top: number, mid: number, low: number): number {
  let h = Math.imul(low ^ Math.imul(mid ^ top, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}

/** Amounts in cents that fit a row (whole, within int32); others keep the order as an object. */
const packable = (cents: number | null) =>
  cents === null || (Number.isInteger(cents) && cents >= -CENTS_MAX && cents <= CENTS_MAX && !Object.is(cents, -0));

export class OrderRows {
  size = 0;
  private blocks: Int32Array[] = [];
  /** Order ids that are not 10–24 digits; '' where the id is packed as numbers. */
  private idText: string[] = [];
  /** Tracking numbers by row ('' for none): unique per order, so never interned. */
  private tracking: string[] = [];
  /** Rows of numeric ids by {@link hashId}, as row + 1 (0 = empty), open addressing. */
  private table = new Int32Array(1 << 14);
  /** Text ids: the last row with that id (earlier ones are chained through `next`). */
  private textRows = new Map<string, number>();
  private texts: string[] = [];
  private textIndex = new Map<string, number>();
  private textJson: string[] = [];
  /** JSON of an order's status code and raw status position, by code + 1 and position + 1. */
  private statusJson: string[][] = [];
  /** JSON of an order's lines, by lines ref + 1, and of texts by ref, as written with {@link jsonLexicon}. */
  private linesJson: string[] = [];
  /** JSON of carriers as docs name them (lexicon number or text), by text ref, with {@link jsonLexicon}. */
  private carrierJson: string[] = [];
  private jsonLexicon: Lexicon | undefined;
  private lineSets: OrderLine[][] = [];
  private lineIndex = new Map<string, number>();
  private plainLines = new Map<string, Map<number, number>>();
  private times = new TimeText();
  private reader = new TimeReader();
  // The last id split into numbers of up to 9 digits: `find` then `row` split it once.
  private splitText: string | null = null;
  private numeric = false;
  private top = 0;
  private mid = 0;
  private low = 0;

  /** The row of the order with this id held for `owner`, or -1. */
  find(orderId: string, owner: number): number {
    if (this.split(orderId)) {
      const { top, mid, low, table } = this;
      const mask = table.length - 1;
      for (let h = hashId(top, mid, low) & mask; ; h = (h + 1) & mask) {
        const e = table[h]!;
        if (e === 0) return -1;
        const r = e - 1;
        const block = this.blocks[r >>> BLOCK_BITS]!;
        const at = (r & MASK) * STRIDE;
        if (
          block[at + ID_LOW] === low &&
          block[at + ID_MID] === mid &&
          block[at + ID_TOP] === top &&
          block[at + OWNER] === owner
        )
          return r;
      }
    }
    for (let r = this.textRows.get(orderId) ?? -1; r >= 0;) {
      const block = this.blocks[r >>> BLOCK_BITS]!;
      const at = (r & MASK) * STRIDE;
      if (block[at + OWNER] === owner) return r;
      r = block[at + NEXT]!;
    }
    return -1;
  }

  /** A new row for this order id and owner; its other fields are filled by {@link pack}. */
  row(orderId: string, owner: number): number {
    const r = this.size++;
    if ((r & MASK) === 0) this.blocks.push(new Int32Array(BLOCK * STRIDE));
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const at = (r & MASK) * STRIDE;
    block[at + OWNER] = owner;
    this.tracking.push('');
    if (this.split(orderId)) {
      block[at + ID_TOP] = this.top;
      block[at + ID_MID] = this.mid;
      block[at + ID_LOW] = this.low;
      this.idText.push('');
      if ((this.size + 1) * 2 > this.table.length) this.grow();
      this.place(r);
    } else {
      block[at + ID_TOP] = -1;
      const text = detach(orderId);
      this.idText.push(text);
      block[at + NEXT] = this.textRows.get(text) ?? -1;
      this.textRows.set(text, r);
    }
    return r;
  }

  /** The owner each row was made for (see {@link row}), by row. */
  owners(): Int32Array {
    const out = new Int32Array(this.size);
    for (let r = 0; r < this.size; r++) out[r] = this.blocks[r >>> BLOCK_BITS]![(r & MASK) * STRIDE + OWNER]!;
    return out;
  }

  id(r: number): string {
    return this.idText[r] || this.formatId(r);
  }

  /**
   * Fill row r with the fragment's fields. False when it does not fit the packed form: a time not
   * in `YYYY-MM-DD HH:mm:ss`, an amount that is not whole cents within ±21 million yuan, a shipping
   * time, several lines, a currency other than CNY or contact details. The parcel (tracking number, carrier) fits.
   */
  pack(r: number, f: OrderFragment): boolean {
    if (
      f.shippedAt ||
      f.lines.length > 1 ||
      f.currency !== undefined ||
      f.phone !== undefined ||
      f.address !== undefined ||
      !packable(f.paidCents) ||
      !packable(f.refundCents)
    )
      return false;
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const at = (r & MASK) * STRIDE;
    const { reader } = this;
    if (!reader.read(f.createdAt)) return false;
    block[at + CREATED_DAY] = reader.day;
    block[at + CREATED_TIME] = reader.time;
    if (!reader.read(f.paidAt)) return false;
    block[at + PAID_DAY] = reader.day;
    block[at + PAID_TIME] = reader.time;
    block[at + PAID_CENTS] = f.paidCents ?? 0;
    block[at + REFUND_CENTS] = f.refundCents ?? 0;
    block[at + NULLS] =
      (f.paidCents === null ? 1 : 0) |
      (f.refundCents === null ? 2 : 0) |
      (f.carrier === undefined ? 0 : (this.textRef(f.carrier) + 1) << 2);
    block[at + STATUS] = f.status === null ? -1 : STATUS_CODE.get(f.status)!;
    block[at + RAW] = f.rawStatus === null ? -1 : this.textRef(f.rawStatus);
    block[at + NICK] = f.buyerNick === null ? -1 : this.textRef(f.buyerNick);
    block[at + LINES] = f.lines.length === 0 ? -1 : this.lineRef(f.lines[0]!);
    if (f.trackingNo !== undefined) this.tracking[r] = detach(f.trackingNo);
    return true;
  }

  /** The order of a packed row. Its lines array is shared between orders (never changed in place). */
  order(r: number, platform: Order['platform'], buyerKey: string, sources: string[]): Order {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const at = (r & MASK) * STRIDE;
    const nulls = block[at + NULLS]!;
    const order: Order = {
      platform,
      orderId: this.id(r),
      buyerKey,
      buyerNick: block[at + NICK]! < 0 ? null : this.texts[block[at + NICK]!]!,
      status: block[at + STATUS]! < 0 ? null : (STATUSES[block[at + STATUS]!] as OrderStatus),
      rawStatus: block[at + RAW]! < 0 ? null : this.texts[block[at + RAW]!]!,
      createdAt: this.times.of(block[at + CREATED_DAY]!, block[at + CREATED_TIME]!),
      paidAt: this.times.of(block[at + PAID_DAY]!, block[at + PAID_TIME]!),
      paidCents: nulls & 1 ? null : block[at + PAID_CENTS]!,
      refundCents: nulls & 2 ? null : block[at + REFUND_CENTS]!,
      lines: block[at + LINES]! < 0 ? [] : this.lineSets[block[at + LINES]!]!,
      sources,
    };
    const tracking = this.tracking[r]!;
    if (tracking !== '') order.trackingNo = tracking;
    if (nulls >>> 2) order.carrier = this.texts[(nulls >>> 2) - 1]!;
    return order;
  }

  /**
   * Refill `probe` with what counting reads of a packed row (status, amounts, lines, and the days of
   * its times) and return it: one object for every row, where building the order is not needed.
   * Counting reads a time's date only, so the probe's times are `YYYY-MM-DD ` without the time of day.
   */
  probe(r: number, probe: Order): Order {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const at = (r & MASK) * STRIDE;
    const nulls = block[at + NULLS]!;
    probe.status = block[at + STATUS]! < 0 ? null : (STATUSES[block[at + STATUS]!] as OrderStatus);
    const created = block[at + CREATED_DAY]!;
    const paid = block[at + PAID_DAY]!;
    probe.createdAt = created < 0 ? null : this.times.day(created);
    probe.paidAt = paid < 0 ? null : this.times.day(paid);
    probe.paidCents = nulls & 1 ? null : block[at + PAID_CENTS]!;
    probe.refundCents = nulls & 2 ? null : block[at + REFUND_CENTS]!;
    probe.lines = block[at + LINES]! < 0 ? [] : this.lineSets[block[at + LINES]!]!;
    return probe;
  }

  /**
   * Push the JSON of a packed row's order as `encodeBuyer` writes it (buyer-codec.ts, format 3: an
   * order tuple whose sources are the buyer's first run, its texts named in `lexicon`, Latin-1)
   * onto `out`, in pieces joined by the caller. `raws` lists the raw statuses (text refs) of the
   * buyer's orders so far, by position in its doc: the row's is added when new (see {@link rawStatuses}).
   */
  json(r: number, out: string[], raws: number[], lexicon: Lexicon | undefined): void {
    if (lexicon !== this.jsonLexicon) {
      this.jsonLexicon = lexicon;
      this.linesJson = [];
      this.textJson = [];
      this.carrierJson = [];
    }
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const at = (r & MASK) * STRIDE;
    // A numeric id is told by the row itself (idText, a million entries, is read only for text ids).
    out.push(
      block[at + ID_TOP] === -1
        ? `[${latinWith(lexicon, JSON.stringify(this.idText[r]))},`
        : `["${this.numericId(block, at)}",`,
    );
    const status = block[at + STATUS]! + 1;
    const raw = block[at + RAW]!;
    let position = -1;
    if (raw >= 0) {
      position = raws.indexOf(raw);
      if (position < 0) position = raws.push(raw) - 1;
    }
    const byPosition = (this.statusJson[status] ??= []);
    out.push((byPosition[position + 1] ??= `${status - 1},${position < 0 ? 'null' : position},`));
    const createdDay = block[at + CREATED_DAY]!;
    const createdTime = block[at + CREATED_TIME]!;
    const paidDay = block[at + PAID_DAY]!;
    const paidTime = block[at + PAID_TIME]!;
    if (createdDay >= 0) {
      this.times.packed(createdDay, createdTime, out);
      out.push(paidDay < 0 ? ',null,' : `,${(paidDay - createdDay) * 1_000_000 + (paidTime - createdTime)},`);
    } else if (paidDay < 0) out.push('null,null,');
    else {
      out.push('null,');
      this.times.packed(paidDay, paidTime, out);
      out.push(',');
    }
    const nulls = block[at + NULLS]!;
    out.push(`${nulls & 1 ? 'null' : block[at + PAID_CENTS]!},${nulls & 2 ? 'null' : block[at + REFUND_CENTS]!},`);
    const lines = block[at + LINES]! + 1;
    const nick = block[at + NICK]!;
    const linesJson = (this.linesJson[lines] ??= lines
      ? latinWith(lexicon, JSON.stringify(encodeLines(this.lineSets[lines - 1]!, lexicon)))
      : '[]');
    const tracking = this.tracking[r]!;
    const carrier = (nulls >>> 2) - 1;
    if (tracking === '' && carrier < 0) {
      out.push(linesJson, nick < 0 ? ']' : `,${this.jsonOfText(nick)}]`);
      return;
    }
    // With extras, encodeBuyer writes the nick (even null) and the sources (the first run) before them.
    out.push(linesJson, nick < 0 ? ',null,[0],{' : `,${this.jsonOfText(nick)},[0],{`);
    if (tracking !== '') out.push('"w":', latinWith(lexicon, str(tracking)), carrier < 0 ? '}]' : ',');
    if (carrier >= 0) out.push('"c":', (this.carrierJson[carrier] ??= refJson(this.texts[carrier]!, lexicon)), '}]');
  }

  /** The texts of raw status refs (as {@link json} listed them). */
  rawStatuses(raws: readonly number[]): string[] {
    return raws.map((ref) => this.texts[ref]!);
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

  private jsonOfText(ref: number): string {
    return (this.textJson[ref] ??= latinWith(this.jsonLexicon, JSON.stringify(this.texts[ref])));
  }

  /** Sets `numeric`, `top`, `mid` and `low` for this id (digits 10–24 long, no leading zero). */
  private split(id: string): boolean {
    if (id === this.splitText) return this.numeric;
    this.splitText = id;
    this.numeric = false;
    const n = id.length;
    if (n < 10 || n > 24 || id.charCodeAt(0) === 48) return false;
    let top = 0;
    let mid = 0;
    let low = 0;
    for (let i = 0; i < n; i++) {
      const d = id.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      if (i < n - 18) top = top * 10 + d;
      else if (i < n - 9) mid = mid * 10 + d;
      else low = low * 10 + d;
    }
    this.top = top;
    this.mid = mid;
    this.low = low;
    return (this.numeric = true);
  }

  private place(r: number): void {
    const { table } = this;
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const at = (r & MASK) * STRIDE;
    const mask = table.length - 1;
    let h = hashId(block[at + ID_TOP]!, block[at + ID_MID]!, block[at + ID_LOW]!) & mask;
    while (table[h] !== 0) h = (h + 1) & mask;
    table[h] = r + 1;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 4);
    for (const e of old) if (e !== 0) this.place(e - 1);
  }

  private numericId(block: Int32Array, at: number): string {
    const top = block[at + ID_TOP]!;
    const mid = block[at + ID_MID]!;
    return top > 0 ? `${top}${nine(mid)}${nine(block[at + ID_LOW]!)}` : `${mid}${nine(block[at + ID_LOW]!)}`;
  }

  private formatId(r: number): string {
    return this.numericId(this.blocks[r >>> BLOCK_BITS]!, (r & MASK) * STRIDE);
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
    const plain =
      line.lineId === '' &&
      line.sku === undefined &&
      line.category === undefined &&
      line.paidCents === undefined &&
      line.refundCents === undefined;
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
