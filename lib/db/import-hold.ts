import { mergeOrder } from '../orders/merge';
import type { Platform } from '../schemas/common';
import { OrderStatusSchema, type Order, type OrderFragment, type OrderLine, type OrderStatus } from '../schemas/order';
import { fnv1a } from './hash';

/**
 * What an import holds in memory between reading its files and writing: this import's orders,
 * merged by buyer and order id. A year of a big shop is a million orders, so the usual order (one
 * fragment, at most one line, no contact details) is kept packed in typed columns, ~70 bytes instead
 * of ~500 as an object, and rebuilt as an `Order` when its buyer is written. Text is copied out of
 * the file's chunks and kept once where it repeats.
 */

/** Orders without a buyer are kept in this many buckets per platform. */
const ORPHAN_BUCKETS = 512;
export const orphanBucket = (platform: string, orderId: string) => `${platform}:~${fnv1a(orderId) % ORPHAN_BUCKETS}`;

/** A buyer of this import, with this import's orders (merged by order id), not yet written. */
export interface HeldBuyer {
  id: string;
  platform: Platform;
  buyerKey: string;
  nick: string | null;
  /** Positions of the buyer's orders in the import's order columns. */
  refs: number[];
  /** Order key → index in `refs`, for buyers with very many orders. */
  byKey: Map<string, number> | null;
}

/** An order whose export names no buyer, until it is tied to a buyer or put in its bucket. */
export interface HeldOrphan {
  order: Order;
  /** Bucket it was read from, for orders already stored. */
  storedIn: string | null;
  attached: boolean;
}

/**
 * Substrings of 13+ characters are views into the text they were cut from, so one order id kept
 * from each 64 KB chunk of the file keeps the whole decoded file alive. Held strings are copied.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;
const LINEAR_MAX = 256;
const INTERN_MAX = 200_000;
const OBJECT_WEIGHT = 6;
const STATUSES = OrderStatusSchema.options;
const STATUS_CODE = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

function newBlock() {
  return {
    idHi: new Float64Array(BLOCK), idLo: new Int32Array(BLOCK), created: new Float64Array(BLOCK), paid: new Float64Array(BLOCK),
    paidCents: new Float64Array(BLOCK), refundCents: new Float64Array(BLOCK), status: new Int8Array(BLOCK),
    raw: new Int32Array(BLOCK), nick: new Int32Array(BLOCK), lines: new Int32Array(BLOCK),
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
  private seconds = new Map<number, string>();
  of(n: number): string | null {
    if (Number.isNaN(n)) return null;
    const day = Math.floor(n / 1e6);
    const time = n - day * 1e6;
    let d = this.days.get(day);
    if (d === undefined) {
      const s = String(day);
      this.days.set(day, (d = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} `));
    }
    let t = this.seconds.get(time);
    if (t === undefined) {
      const s = String(1e6 + time);
      this.seconds.set(time, (t = `${s.slice(1, 3)}:${s.slice(3, 5)}:${s.slice(5, 7)}`));
    }
    return d + t;
  }
}

/** Everything read since the last write. */
export class Hold {
  buyers = new Map<Platform, Map<string, HeldBuyer>>();
  orphans = new Map<Platform, Map<string, HeldOrphan>>();
  /**
   * Memory held, in packed orders: an order kept as an object (an orphan, or one merged from
   * several fragments) weighs about six packed ones.
   */
  weight = 0;
  private blocks: ReturnType<typeof newBlock>[] = [];
  /** Order ids that are not 10–24 digits; '' where the id is packed as numbers. */
  private idText: string[] = [];
  private size = 0;
  /** Orders that are not in the packed form (merged from several fragments, several lines, contact details). */
  private full = new Map<number, Order>();
  private texts: string[] = [];
  private textIndex = new Map<string, number>();
  private lineSets: OrderLine[][] = [];
  private lineIndex = new Map<string, number>();
  private plainLines = new Map<string, Map<number, number>>();
  private readonly sources: string[];
  private times = new TimeText();
  /** Text of the leading digits of ids (shared by many orders: ids are handed out in sequence). */
  private idHeads = new Map<number, string>();
  // The id of the fragment being added, split as numbers (hi = all but the last 9 digits).
  private hi = NaN;
  private lo = 0;

  constructor(private readonly runId: string) {
    this.sources = [runId];
  }

  add(f: OrderFragment): void {
    if (f.buyerKey === null) return this.addOrphan(f);
    let platform = this.buyers.get(f.platform);
    if (!platform) this.buyers.set(f.platform, (platform = new Map()));
    let b = platform.get(f.buyerKey);
    if (!b) {
      const key = detach(f.buyerKey);
      b = { id: `${f.platform}:${key}`, platform: f.platform, buyerKey: key, nick: null, refs: [], byKey: null };
      platform.set(key, b);
    }
    if (f.buyerNick !== null) b.nick = this.text(f.buyerNick);
    const k = this.findIn(b, f.orderId);
    if (k >= 0) {
      const r = b.refs[k]!;
      if (!this.full.has(r)) this.weight += OBJECT_WEIGHT - 1;
      this.full.set(r, mergeOrder(this.orderAt(r, b), this.detached(f), this.runId));
      return;
    }
    const r = this.pack(f);
    b.byKey?.set(this.keyOf(r), b.refs.length);
    b.refs.push(r);
    if (!b.byKey && b.refs.length > LINEAR_MAX) b.byKey = new Map(b.refs.map((ref, i) => [this.keyOf(ref), i]));
  }

  /** The buyer's held orders, rebuilt as objects. */
  ordersOf(b: HeldBuyer): Order[] {
    return b.refs.map((r) => this.orderAt(r, b));
  }

  order(b: HeldBuyer, k: number): Order {
    return this.orderAt(b.refs[k]!, b);
  }

  orderId(b: HeldBuyer, k: number): string {
    const r = b.refs[k]!;
    return this.idText[r] || this.formatId(r);
  }

  setOrder(b: HeldBuyer, k: number, order: Order): void {
    this.full.set(b.refs[k]!, order);
  }

  /** Add an order (already an object) to a buyer, e.g. a stored order an orphan enriched. */
  pushOrder(b: HeldBuyer, order: Order): void {
    const r = this.slot(order.orderId);
    this.full.set(r, order);
    b.byKey?.set(this.keyOf(r), b.refs.length);
    b.refs.push(r);
  }

  /** Index in `b.refs` of the order with this id, or -1. */
  find(b: HeldBuyer, orderId: string): number {
    return this.findIn(b, orderId);
  }

  private findIn(b: HeldBuyer, orderId: string): number {
    const numeric = this.splitId(orderId);
    if (b.byKey) return b.byKey.get(numeric ? `${this.hi}:${this.lo}` : `s${orderId}`) ?? -1;
    const { hi, lo } = this;
    for (let k = 0; k < b.refs.length; k++) {
      const r = b.refs[k]!;
      const block = this.blocks[r >>> BLOCK_BITS]!;
      if (numeric ? block.idHi[r & MASK] === hi && block.idLo[r & MASK] === lo : this.idText[r] === orderId) return k;
    }
    return -1;
  }

  private keyOf(r: number): string {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    return this.idText[r] ? `s${this.idText[r]}` : `${block.idHi[r & MASK]}:${block.idLo[r & MASK]}`;
  }

  /** Sets `hi`/`lo` and returns true when the id is 10–24 digits without a leading zero. */
  private splitId(id: string): boolean {
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
    return true;
  }

  private formatId(r: number): string {
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const hi = block.idHi[r & MASK]!;
    let head = this.idHeads.get(hi);
    if (head === undefined) {
      if (this.idHeads.size > INTERN_MAX) this.idHeads.clear();
      this.idHeads.set(hi, (head = String(hi)));
    }
    return head + String(1e9 + block.idLo[r & MASK]!).slice(1);
  }

  /** A new row with the order's id filled in; the other columns are the caller's. */
  private slot(orderId: string): number {
    const r = this.size++;
    if ((r & MASK) === 0) this.blocks.push(newBlock());
    const block = this.blocks[r >>> BLOCK_BITS]!;
    if (this.splitId(orderId)) {
      block.idHi[r & MASK] = this.hi;
      block.idLo[r & MASK] = this.lo;
      this.idText.push('');
    } else {
      block.idHi[r & MASK] = NaN;
      this.idText.push(detach(orderId));
    }
    return r;
  }

  private pack(f: OrderFragment): number {
    const r = this.slot(f.orderId);
    this.weight++;
    const created = packTime(f.createdAt);
    const paid = packTime(f.paidAt);
    // The packed columns have no slot for a shipping time: such orders keep their full shape.
    if (created < 0 || paid < 0 || f.shippedAt || f.lines.length > 1 || f.phone !== undefined || f.address !== undefined) {
      this.full.set(r, mergeOrder(undefined, this.detached(f), this.runId));
      this.weight += OBJECT_WEIGHT - 1;
      return r;
    }
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
    return r;
  }

  private orderAt(r: number, b: HeldBuyer): Order {
    const full = this.full.get(r);
    if (full) return full;
    const block = this.blocks[r >>> BLOCK_BITS]!;
    const i = r & MASK;
    const paidCents = block.paidCents[i]!;
    const refundCents = block.refundCents[i]!;
    return {
      platform: b.platform,
      orderId: this.idText[r] || this.formatId(r),
      buyerKey: b.buyerKey,
      buyerNick: block.nick[i]! < 0 ? null : this.texts[block.nick[i]!]!,
      status: block.status[i]! < 0 ? null : (STATUSES[block.status[i]!] as OrderStatus),
      rawStatus: block.raw[i]! < 0 ? null : this.texts[block.raw[i]!]!,
      createdAt: this.times.of(block.created[i]!),
      paidAt: this.times.of(block.paid[i]!),
      paidCents: Number.isNaN(paidCents) ? null : paidCents,
      refundCents: Number.isNaN(refundCents) ? null : refundCents,
      // Shared between orders: merging and metrics never change a lines array in place.
      lines: block.lines[i]! < 0 ? [] : this.lineSets[block.lines[i]!]!,
      sources: this.sources,
    };
  }

  private textRef(s: string): number {
    let at = this.textIndex.get(s);
    if (at === undefined) {
      at = this.texts.push(detach(s)) - 1;
      if (this.textIndex.size < INTERN_MAX) this.textIndex.set(this.texts[at]!, at);
    }
    return at;
  }

  private text(s: string): string {
    return this.texts[this.textRef(s)]!;
  }

  private lineRef(line: OrderLine): number {
    // An order report's one line: a title and a count. Found without building a key.
    const plain = line.lineId === '' && line.sku === undefined && line.category === undefined && line.paidCents === undefined && line.refundCents === undefined;
    if (plain) {
      const byCount = this.plainLines.get(line.title);
      const at = byCount?.get(line.quantity);
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

  private detachedLine(line: OrderLine): OrderLine {
    const out: OrderLine = { ...line, lineId: detach(line.lineId), title: this.text(line.title) };
    if (line.sku !== undefined) out.sku = this.text(line.sku);
    if (line.category !== undefined) out.category = this.text(line.category);
    return out;
  }

  /** The fragment with its text copied out of the file. */
  private detached(f: OrderFragment): OrderFragment {
    const out: OrderFragment = {
      ...f,
      orderId: detach(f.orderId),
      buyerKey: f.buyerKey === null ? null : detach(f.buyerKey),
      buyerNick: f.buyerNick === null ? null : this.text(f.buyerNick),
      rawStatus: f.rawStatus === null ? null : this.text(f.rawStatus),
      createdAt: f.createdAt === null ? null : detach(f.createdAt),
      paidAt: f.paidAt === null ? null : detach(f.paidAt),
      lines: f.lines.map((l) => this.detachedLine(l)),
    };
    if (f.shippedAt) out.shippedAt = detach(f.shippedAt);
    if (f.phone !== undefined) out.phone = detach(f.phone);
    if (f.address !== undefined) out.address = detach(f.address);
    return out;
  }

  private addOrphan(f: OrderFragment): void {
    let platform = this.orphans.get(f.platform);
    if (!platform) this.orphans.set(f.platform, (platform = new Map()));
    const held = platform.get(f.orderId);
    if (held) held.order = mergeOrder(held.order, this.detached(f), this.runId);
    else {
      const order = mergeOrder(undefined, this.detached(f), this.runId);
      platform.set(order.orderId, { order, storedIn: null, attached: false });
      this.weight += OBJECT_WEIGHT;
    }
  }
}

/**
 * An order a report with buyers knows, enriched by one a report without buyers knows (a Taobao
 * item report's lines): the buyer report's non-empty fields win, lines are merged by line id.
 */
export function enrich(order: Order, orphan: Order, runId: string): Order {
  const merged = mergeOrder(orphan, order, runId);
  merged.sources = [...new Set([...order.sources, ...merged.sources])].sort();
  return merged;
}
