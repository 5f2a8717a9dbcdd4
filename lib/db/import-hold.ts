import { MetricsTally, type CountedMetrics } from '../metrics/compute';
import type { CountingRules } from '../metrics/rules';
import { mergeOrder } from '../orders/merge';
import type { Platform } from '../schemas/common';
import type { Order, OrderFragment } from '../schemas/order';
import { packedBuyerDoc } from './buyer-codec';
import { fnv1a } from './hash';
import { KeyNumbers } from './key-numbers';
import type { Lexicon } from './lexicon';
import { detach, OrderRows } from './order-rows';

/**
 * What an import holds in memory between reading its files and writing: this import's orders,
 * merged by buyer and order id. The usual order (one fragment, at most one line, no contact
 * details; with or without its parcel's tracking number and carrier) is kept packed in {@link OrderRows} and rebuilt as an `Order`, or encoded straight
 * from its row, when its buyer is written; the others are kept as objects.
 */

/** Orders without a buyer are kept in this many buckets per platform. */
const ORPHAN_BUCKETS = 512;
export const orphanBucket = (platform: string, orderId: string) => `${platform}:~${fnv1a(orderId) % ORPHAN_BUCKETS}`;

/** An order kept as an object (an orphan, or one merged from several fragments) weighs about six packed ones. */
const OBJECT_WEIGHT = 6;

/** A buyer of this import, with this import's orders (merged by order id), not yet written. */
export interface HeldBuyer {
  id: string;
  platform: Platform;
  buyerKey: string;
  nick: string | null;
  /** The buyer's number in the hold (owner of its rows). */
  n: number;
  /** Rows of the buyer's orders in the hold's order rows. */
  refs: number[];
}

/** An order whose export names no buyer, until it is tied to a buyer or put in its bucket. */
export interface HeldOrphan {
  order: Order;
  /** Bucket it was read from, for orders already stored. */
  storedIn: string | null;
  attached: boolean;
}

/** Everything read since the last write. */
export class Hold {
  orphans = new Map<Platform, Map<string, HeldOrphan>>();
  /** Memory held, in packed orders (see OBJECT_WEIGHT). */
  weight = 0;
  private rows = new OrderRows();
  /**
   * Buyer numbers by platform and key (the owners of their rows). Reading a row with no nick
   * touches only this table and the order rows: a held buyer's object and its list of rows (far
   * apart in memory for a file's scattered buyers) wait until {@link seal} lists every buyer's
   * rows at once.
   */
  private numbers = new Map<Platform, { keys: KeyNumbers; owners: number[] }>();
  private held: HeldBuyer[] = [];
  /** The held buyers by platform and key, once sealed. */
  private view: Map<Platform, Map<string, HeldBuyer>> | null = null;
  /** Orders that are not in the packed form (merged from several fragments, several lines, contact details), by row. */
  private full = new Map<number, Order>();
  private readonly sources: string[];
  /** One order object refilled for each packed order that is only counted. */
  private probe: Order | null = null;

  constructor(private readonly runId: string) {
    this.sources = [runId];
  }

  /** The held buyers by platform and key, each with its rows listed (in the order they were read). */
  get buyers(): Map<Platform, Map<string, HeldBuyer>> {
    return this.seal();
  }

  /** The held buyer with this key, added (without orders) when there is none. */
  buyer(platform: Platform, buyerKey: string): HeldBuyer {
    this.seal();
    return this.held[this.number(platform, buyerKey)]!;
  }

  add(f: OrderFragment): void {
    if (f.buyerKey === null) return this.addOrphan(f);
    const n = this.number(f.platform, f.buyerKey);
    if (f.buyerNick !== null) this.held[n]!.nick = this.rows.text(f.buyerNick);
    const found = this.rows.find(f.orderId, n);
    if (found >= 0) {
      if (!this.full.has(found)) this.weight += OBJECT_WEIGHT - 1;
      this.full.set(found, mergeOrder(this.orderAt(found, this.held[n]!), this.detached(f), this.runId));
      return;
    }
    const r = this.rows.row(f.orderId, n);
    if (this.view) this.held[n]!.refs.push(r);
    this.weight++;
    if (!this.rows.pack(r, f)) {
      this.full.set(r, mergeOrder(undefined, this.detached(f), this.runId));
      this.weight += OBJECT_WEIGHT - 1;
    }
  }

  /** The buyer's held orders, rebuilt as objects. */
  ordersOf(b: HeldBuyer): Order[] {
    return b.refs.map((r) => this.orderAt(r, b));
  }

  order(b: HeldBuyer, k: number): Order {
    return this.orderAt(b.refs[k]!, b);
  }

  orderId(b: HeldBuyer, k: number): string {
    return this.rows.id(b.refs[k]!);
  }

  setOrder(b: HeldBuyer, k: number, order: Order): void {
    this.full.set(b.refs[k]!, order);
  }

  /** Add an order (already an object) to a buyer, e.g. a stored order an orphan enriched. */
  pushOrder(b: HeldBuyer, order: Order): void {
    const r = this.rows.row(order.orderId, b.n);
    this.full.set(r, order);
    b.refs.push(r);
  }

  /** Index in `b.refs` of the order with this id, or -1. */
  find(b: HeldBuyer, orderId: string): number {
    const r = this.rows.find(orderId, b.n);
    return r < 0 ? -1 : b.refs.indexOf(r);
  }

  /**
   * A buyer that is new to the database, encoded as `encodeBuyer` encodes its record (metrics from
   * these orders, items left out to be derived when read) straight from the order rows, with its
   * metrics; null when one of its orders is kept as an object (then build the record).
   */
  newBuyerDoc(
    b: HeldBuyer,
    rules: CountingRules,
    updatedAt: number,
    lexicon: Lexicon | undefined,
  ): { doc: string; metrics: CountedMetrics } | null {
    if (!b.refs.length) return null;
    if (this.full.size) for (const r of b.refs) if (this.full.has(r)) return null;
    const tally = new MetricsTally(rules);
    const probe = (this.probe ??= this.rows.order(b.refs[0]!, b.platform, b.buyerKey, this.sources));
    const parts = [''];
    const raws: number[] = [];
    for (let k = 0; k < b.refs.length; k++) {
      const r = b.refs[k]!;
      tally.add(this.rows.probe(r, probe));
      if (k) parts.push(',');
      this.rows.json(r, parts, raws, lexicon);
    }
    const metrics = tally.result();
    const head = {
      id: b.id,
      platform: b.platform,
      buyerKey: b.buyerKey,
      nick: b.nick ?? b.buyerKey,
      updatedAt,
      metrics,
    };
    const [start, tail] = packedBuyerDoc(head, this.sources, this.rows.rawStatuses(raws), lexicon);
    parts[0] = start;
    parts.push(tail);
    return { doc: parts.join(''), metrics };
  }

  /** The number of the held buyer with this key, added (without orders) when there is none. */
  private number(platform: Platform, buyerKey: string): number {
    let numbers = this.numbers.get(platform);
    if (!numbers) this.numbers.set(platform, (numbers = { keys: new KeyNumbers(), owners: [] }));
    const at = numbers.keys.add(buyerKey, detach);
    if (at < numbers.owners.length) return numbers.owners[at]!;
    const key = numbers.keys.keys[at]!;
    const n = this.held.length;
    const b: HeldBuyer = { id: `${platform}:${key}`, platform, buyerKey: key, nick: null, n, refs: [] };
    this.held.push(b);
    numbers.owners.push(n);
    if (this.view) (this.view.get(platform) ?? this.view.set(platform, new Map()).get(platform)!).set(key, b);
    return n;
  }

  /** List every held buyer's rows (once; rows added later are listed as they come). */
  private seal(): Map<Platform, Map<string, HeldBuyer>> {
    if (this.view) return this.view;
    const { held, rows } = this;
    // A counting sort by owner: rows are read in order and written into one array, so the buyers'
    // lists are then cut from it in order (pushing onto each buyer's list would jump around memory).
    const starts = new Int32Array(held.length + 1);
    const ownerOf = rows.owners();
    for (let r = 0; r < ownerOf.length; r++) starts[ownerOf[r]! + 1]!++;
    for (let n = 0; n < held.length; n++) starts[n + 1]! += starts[n]!;
    const next = starts.slice(0, held.length);
    const sorted = new Int32Array(ownerOf.length);
    for (let r = 0; r < ownerOf.length; r++) sorted[next[ownerOf[r]!]!++] = r;
    for (let n = 0; n < held.length; n++) {
      const refs = held[n]!.refs;
      for (let k = starts[n]!; k < starts[n + 1]!; k++) refs.push(sorted[k]!);
    }
    this.view = new Map();
    for (const [platform, { keys, owners }] of this.numbers) {
      const byKey = new Map<string, HeldBuyer>();
      for (let at = 0; at < owners.length; at++) byKey.set(keys.keys[at]!, held[owners[at]!]!);
      this.view.set(platform, byKey);
    }
    return this.view;
  }

  private orderAt(r: number, b: HeldBuyer): Order {
    return this.full.get(r) ?? this.rows.order(r, b.platform, b.buyerKey, this.sources);
  }

  /** The fragment with its text copied out of the file. */
  private detached(f: OrderFragment): OrderFragment {
    const { rows } = this;
    const out: OrderFragment = {
      ...f,
      orderId: detach(f.orderId),
      buyerKey: f.buyerKey === null ? null : detach(f.buyerKey),
      buyerNick: f.buyerNick === null ? null : rows.text(f.buyerNick),
      rawStatus: f.rawStatus === null ? null : rows.text(f.rawStatus),
      createdAt: f.createdAt === null ? null : detach(f.createdAt),
      paidAt: f.paidAt === null ? null : detach(f.paidAt),
      lines: f.lines.map((l) => rows.detachedLine(l)),
    };
    if (f.shippedAt) out.shippedAt = detach(f.shippedAt);
    if (f.trackingNo !== undefined) out.trackingNo = detach(f.trackingNo);
    if (f.carrier !== undefined) out.carrier = rows.text(f.carrier);
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
