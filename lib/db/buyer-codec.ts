import { itemsOf, type CountedMetrics } from '../metrics/compute';
import { OrderStatusSchema, type Order, type OrderLine } from '../schemas/order';
import type { BuyerRecord } from './records';

/**
 * How one buyer is written inside a buyer shard (see `buyer-shards.ts`): a JSON string of a compact
 * form of the {@link BuyerRecord}. A year of a big shop is a million orders; as objects they cost
 * IndexedDB ~450 bytes each and a structured clone per field, as compact JSON ~150 bytes and one
 * string. Orders become arrays in a fixed column order and leave out what the buyer already says
 * (platform, buyer key); the import runs an order came from are listed once per buyer.
 *
 * `decodeBuyer(encodeBuyer(r))` gives `r` back field for field (a property test holds it to that),
 * including the rare shapes: orders with shipping times or contact details, an order whose buyer key
 * differs from the buyer's, unknown extra fields of a record written by a later version.
 */
export const BUYER_DOC_VERSION = 1;

const STATUSES = OrderStatusSchema.options;
const STATUS_CODE = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

/** An order: id, status code (-1 = null), raw status, created, paid, paid cents, refund cents, lines, nick, source indexes, extras. */
type OrderTuple = [string, number, string | null, string | null, string | null, number | null, number | null, LineTuple[], string | null, number[], OrderExtras?];
/** A line: id, title, quantity, then sku, category, paid cents, refund cents (null when absent, trailing ones dropped). */
type LineTuple = [string, string, number, ...(string | number | null)[]];

/** What few orders have; each key present only when the order has the field. */
interface OrderExtras {
  /** shippedAt (may be null) */
  s?: string | null;
  /** phone, address */
  p?: string;
  a?: string;
  /** buyerKey / platform when they differ from the buyer's (an order carried over from elsewhere). */
  k?: string | null;
  f?: string;
  /** Fields a later version added to orders. */
  x?: Record<string, unknown>;
}

interface BuyerDoc {
  v: number;
  id: string;
  p: string;
  k: string;
  n: string;
  u: number;
  d?: number;
  m: BuyerRecord['metrics'] | Omit<BuyerRecord['metrics'], 'lastItems' | 'categories'>;
  /** 1 when `m` leaves out the items and categories: derived from the orders when read. */
  i?: 1;
  /** Import-run ids, referred to by position from the orders. */
  r: string[];
  o: OrderTuple[];
  /** Fields a later version added to buyer records. */
  x?: Record<string, unknown>;
}

const ORDER_FIELDS = new Set(['platform', 'orderId', 'buyerKey', 'buyerNick', 'status', 'rawStatus', 'createdAt', 'paidAt', 'shippedAt', 'paidCents', 'refundCents', 'lines', 'phone', 'address', 'sources']);
const LINE_OPTIONAL = ['sku', 'category', 'paidCents', 'refundCents'] as const;
const RECORD_FIELDS = new Set(['id', 'platform', 'buyerKey', 'nick', 'updatedAt', 'deletedAt', 'metrics', 'orders']);

/**
 * `itemsDerived`: the caller computed `metrics` from exactly these orders (computeBuyerMetrics), so
 * the items and categories, a third of a typical record, are left out and derived again when read.
 */
export function encodeBuyer(record: BuyerRecord, options: { itemsDerived?: boolean } = {}): string {
  const runs: string[] = [];
  const runAt = new Map<string, number>();
  const runIndex = (id: string) => {
    let at = runAt.get(id);
    if (at === undefined) runAt.set(id, (at = runs.push(id) - 1));
    return at;
  };
  // Orders of one import share their `sources` and often their `lines` arrays: encode each once.
  let lastSources: readonly string[] | null = null;
  let lastIndexes: number[] = [];
  const orders = record.orders.map((o): OrderTuple => {
    if (o.sources !== lastSources) {
      lastSources = o.sources;
      lastIndexes = o.sources.map(runIndex);
    }
    let lines = lineCache.get(o.lines);
    if (!lines) lineCache.set(o.lines, (lines = o.lines.map(encodeLine)));
    const tuple: OrderTuple = [
      o.orderId, o.status === null ? -1 : STATUS_CODE.get(o.status)!, o.rawStatus, o.createdAt, o.paidAt, o.paidCents, o.refundCents,
      lines, o.buyerNick, lastIndexes,
    ];
    let extras: OrderExtras | undefined;
    if (o.shippedAt !== undefined) (extras ??= {}).s = o.shippedAt;
    if (o.phone !== undefined) (extras ??= {}).p = o.phone;
    if (o.address !== undefined) (extras ??= {}).a = o.address;
    if (o.buyerKey !== record.buyerKey) (extras ??= {}).k = o.buyerKey;
    if (o.platform !== record.platform) (extras ??= {}).f = o.platform;
    for (const key in o) {
      if (!ORDER_FIELDS.has(key)) setOwn(((extras ??= {}).x ??= {}), key, (o as Record<string, unknown>)[key]);
    }
    if (extras) tuple.push(extras);
    return tuple;
  });
  let metrics: BuyerDoc['m'] = record.metrics;
  if (options.itemsDerived) {
    const { lastItems: _items, categories: _categories, ...rest } = record.metrics;
    metrics = rest;
  }
  const doc: BuyerDoc = { v: BUYER_DOC_VERSION, id: record.id, p: record.platform, k: record.buyerKey, n: record.nick, u: record.updatedAt, m: metrics, r: runs, o: orders };
  if (options.itemsDerived) doc.i = 1;
  if (record.deletedAt !== undefined) doc.d = record.deletedAt;
  for (const key of Object.keys(record)) {
    if (!RECORD_FIELDS.has(key)) setOwn((doc.x ??= {}), key, (record as Record<string, unknown>)[key]);
  }
  return JSON.stringify(doc);
}

/**
 * What `encodeBuyer(record, { itemsDerived: true })` gives for a live record without extra fields,
 * less its orders: the text before and after them. Between the two go the orders as JSON order
 * tuples separated by commas (the import writes them straight from its order rows, see
 * order-rows.ts), naming `runs` by position.
 */
export function packedBuyerDoc(
  head: Pick<BuyerRecord, 'id' | 'platform' | 'buyerKey' | 'nick' | 'updatedAt'> & { metrics: CountedMetrics },
  runs: readonly string[],
): [string, string] {
  // Written out by hand: JSON.stringify costs more here than the orders' text at ~5 orders a buyer.
  const m = head.metrics;
  const metrics = `{"paidOrders":${num(m.paidOrders)},"netCents":${num(m.netCents)},"aovCents":${num(m.aovCents)},"firstPaidDate":${str(m.firstPaidDate)},`
    + `"lastPaidDate":${str(m.lastPaidDate)},"paidDates":${JSON.stringify(m.paidDates)},"refundOrders":${num(m.refundOrders)},"refundCents":${num(m.refundCents)},"allOrders":${num(m.allOrders)}}`;
  return [`{"v":${BUYER_DOC_VERSION},"id":${str(head.id)},"p":${str(head.platform)},"k":${str(head.buyerKey)},"n":${str(head.nick)},"u":${num(head.updatedAt)},"m":${metrics},"r":${JSON.stringify(runs)},"o":[`, '],"i":1}'];
}

/** A number as JSON writes it. */
const num = (n: number) => (Number.isFinite(n) ? `${n}` : 'null');
/** Whether JSON.stringify would escape a character of the string (controls, quote, backslash, surrogates). */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}
/** A string (or null) as JSON writes it. */
const str = (s: string | null) => (s === null ? 'null' : needsEscape(s) ? JSON.stringify(s) : `"${s}"`);

/** Encoded lines by the array they came from (an import shares one array among the orders of an item). */
const lineCache = new WeakMap<readonly OrderLine[], LineTuple[]>();

export function encodeLine(line: OrderLine): LineTuple {
  const tuple: LineTuple = [line.lineId, line.title, line.quantity];
  let last = 2;
  LINE_OPTIONAL.forEach((field, i) => {
    const value = line[field];
    tuple[3 + i] = value === undefined ? null : value;
    if (value !== undefined) last = 3 + i;
  });
  tuple.length = last + 1;
  return tuple;
}

/** The record a doc was written from. Throws on a doc that is not one (a damaged or foreign value). */
export function decodeBuyer(text: string): BuyerRecord {
  const doc = JSON.parse(text) as BuyerDoc;
  if (!doc || typeof doc !== 'object' || doc.v !== BUYER_DOC_VERSION || !Array.isArray(doc.o) || !Array.isArray(doc.r)
    || typeof doc.id !== 'string' || typeof doc.p !== 'string' || typeof doc.k !== 'string' || typeof doc.n !== 'string'
    || typeof doc.u !== 'number' || !doc.m || typeof doc.m !== 'object') {
    throw new Error(`not a buyer record (version ${String((doc as { v?: unknown } | null)?.v)})`);
  }
  const bad = (what: string) => new Error(`buyer record ${doc.id}: ${what}`);
  const platform = doc.p as BuyerRecord['platform'];
  const sourceLists = new Map<string, string[]>();
  const orders = doc.o.map((t): Order => {
    // Orders of one buyer mostly share their sources: share the decoded list too (never changed in place).
    const srcKey = t[9].join(',');
    let sources = sourceLists.get(srcKey);
    if (!sources) {
      sources = t[9].map((i) => {
        const run = doc.r[i];
        if (run === undefined) throw bad(`order ${t[0]} names import run #${i}, which is not listed`);
        return run;
      });
      sourceLists.set(srcKey, sources);
    }
    const status = t[1] < 0 ? null : STATUSES[t[1]];
    if (status === undefined) throw bad(`order ${t[0]} has status code ${t[1]}`);
    const extras = t[10];
    const order: Order = {
      platform: (extras?.f ?? platform) as Order['platform'],
      orderId: t[0],
      buyerKey: extras && 'k' in extras ? extras.k! : doc.k,
      buyerNick: t[8],
      status,
      rawStatus: t[2],
      createdAt: t[3],
      paidAt: t[4],
      paidCents: t[5],
      refundCents: t[6],
      lines: t[7].map(decodeLine),
      sources,
    };
    if (extras) {
      if ('s' in extras) order.shippedAt = extras.s;
      if (extras.p !== undefined) order.phone = extras.p;
      if (extras.a !== undefined) order.address = extras.a;
      if (extras.x) defineAll(order, extras.x);
    }
    return order;
  });
  const metrics = doc.i === 1 ? { ...doc.m, ...itemsOf(orders) } : (doc.m as BuyerRecord['metrics']);
  const record: BuyerRecord = { id: doc.id, platform, buyerKey: doc.k, nick: doc.n, orders, metrics, updatedAt: doc.u };
  if (doc.d !== undefined) record.deletedAt = doc.d;
  if (doc.x) defineAll(record, doc.x);
  return record;
}

/** Set an own data property (a field named `__proto__` must not become the prototype). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function defineAll(target: object, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) setOwn(target, key, value);
}

function decodeLine(t: LineTuple): OrderLine {
  const line: OrderLine = { lineId: t[0], title: t[1], quantity: t[2] };
  for (let i = 0; i < LINE_OPTIONAL.length; i++) {
    const value = t[3 + i];
    if (value !== null && value !== undefined) (line as Record<string, unknown>)[LINE_OPTIONAL[i]!] = value;
  }
  return line;
}
