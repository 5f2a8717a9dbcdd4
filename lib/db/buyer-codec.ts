import { itemsOf, type CountedMetrics } from '../metrics/compute';
import { OrderStatusSchema, type Order, type OrderLine } from '../schemas/order';
import { packTime, TimeReader, unpackTime } from './packed-time';
import type { BuyerRecord } from './records';

/**
 * How one buyer is written inside a buyer shard (see `buyer-shards.ts`): a JSON string of a compact
 * form of the {@link BuyerRecord}. A year of a big shop is a million orders; as objects they cost
 * IndexedDB ~450 bytes each and a structured clone per field, as compact JSON ~130 characters and one
 * string. Orders become arrays in a fixed column order and leave out what the buyer already says
 * (platform, buyer key); the import runs an order came from are listed once per buyer.
 *
 * Format 2 (written since the import of a million orders had to get faster; format 1 is still read):
 * - an order's times `YYYY-MM-DD HH:mm:ss` as the number YYYYMMDDHHmmss, its payment time as the
 *   difference from its creation time (other time text is kept as text);
 * - raw statuses listed once per buyer (`t`), named by position;
 * - one plain line (no line id, quantity 1, nothing else) as its title alone;
 * - an order's trailing nick and sources left out when they are null and the buyer's first run;
 * - counted metrics as an array when the items are derived (`i`).
 *
 * `decodeBuyer(encodeBuyer(r))` gives `r` back field for field (a property test holds it to that),
 * including the rare shapes: orders with shipping times or contact details, an order whose buyer key
 * differs from the buyer's, unknown extra fields of a record written by a later version.
 */
export const BUYER_DOC_VERSION = 2;

const STATUSES = OrderStatusSchema.options;
const STATUS_CODE = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

/** A time: YYYYMMDDHHmmss, text, or null (format 2; format 1 always text or null). */
type TimeCell = number | string | null;
/**
 * An order: id, status code (-1 = null), raw status (format 2: its position in `t`), created, paid
 * (format 2: a number is the difference from created when created is a number), paid cents, refund
 * cents, lines (format 2: a title alone for one plain line), nick, source indexes, extras. Format 2
 * leaves out a trailing null nick and sources [0].
 */
type OrderTuple = [string, number, string | number | null, TimeCell, TimeCell, number | null, number | null, LineTuple[] | string, (string | null)?, number[]?, OrderExtras?];
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

/** Counted metrics in this order (format 2 writes them as an array when the items are derived). */
const COUNTED_KEYS = ['paidOrders', 'netCents', 'aovCents', 'firstPaidDate', 'lastPaidDate', 'paidDates', 'refundOrders', 'refundCents', 'allOrders'] as const;
type CountedTuple = [number, number, number, string | null, string | null, string[], number, number, number];

interface BuyerDoc {
  v: number;
  id: string;
  p: string;
  k: string;
  n: string;
  u: number;
  d?: number;
  m: BuyerRecord['metrics'] | Omit<BuyerRecord['metrics'], 'lastItems' | 'categories'> | CountedTuple;
  /** 1 when `m` leaves out the items and categories: derived from the orders when read. */
  i?: 1;
  /** Import-run ids, referred to by position from the orders. */
  r: string[];
  o: OrderTuple[];
  /** Raw statuses, referred to by position from the orders (format 2; left out when none). */
  t?: string[];
  /** Fields a later version added to buyer records. */
  x?: Record<string, unknown>;
}

const ORDER_FIELDS = new Set(['platform', 'orderId', 'buyerKey', 'buyerNick', 'status', 'rawStatus', 'createdAt', 'paidAt', 'shippedAt', 'paidCents', 'refundCents', 'lines', 'phone', 'address', 'sources']);
const LINE_OPTIONAL = ['sku', 'category', 'paidCents', 'refundCents'] as const;
const RECORD_FIELDS = new Set(['id', 'platform', 'buyerKey', 'nick', 'updatedAt', 'deletedAt', 'metrics', 'orders']);

const timeReader = new TimeReader();
/** A time as format 2 writes it: YYYYMMDDHHmmss when it is `YYYY-MM-DD HH:mm:ss` (year 1000 on), else itself. */
function timeCell(s: string | null): TimeCell {
  return s !== null && timeReader.read(s) ? packTime(timeReader.day, timeReader.time) : s;
}

/**
 * `itemsDerived`: the caller computed `metrics` from exactly these orders (computeBuyerMetrics), so
 * the items and categories, a third of a typical record, are left out and derived again when read.
 */
export function encodeBuyer(record: BuyerRecord, options: { itemsDerived?: boolean } = {}): string {
  const runs: string[] = [];
  const runIndex = positionIn(runs);
  const texts: string[] = [];
  const textIndex = positionIn(texts);
  // Orders of one import share their `sources` and often their `lines` arrays: encode each once.
  let lastSources: readonly string[] | null = null;
  let lastIndexes: number[] = [];
  const orders = record.orders.map((o): OrderTuple => {
    if (o.sources !== lastSources) {
      lastSources = o.sources;
      lastIndexes = o.sources.map(runIndex);
    }
    let lines = lineCache.get(o.lines);
    if (lines === undefined) lineCache.set(o.lines, (lines = encodeLines(o.lines)));
    const created = timeCell(o.createdAt);
    let paid = timeCell(o.paidAt);
    if (typeof paid === 'number' && typeof created === 'number') paid -= created;
    const tuple: OrderTuple = [
      o.orderId, o.status === null ? -1 : STATUS_CODE.get(o.status)!, o.rawStatus === null ? null : textIndex(o.rawStatus), created, paid, o.paidCents, o.refundCents, lines,
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
    const firstRun = lastIndexes.length === 1 && lastIndexes[0] === 0;
    if (extras) tuple.push(o.buyerNick, lastIndexes, extras);
    else if (!firstRun) tuple.push(o.buyerNick, lastIndexes);
    else if (o.buyerNick !== null) tuple.push(o.buyerNick);
    return tuple;
  });
  let metrics: BuyerDoc['m'] = record.metrics;
  if (options.itemsDerived) {
    const { lastItems: _items, categories: _categories, ...rest } = record.metrics;
    metrics = Object.keys(rest).length === COUNTED_KEYS.length && COUNTED_KEYS.every((k) => k in rest)
      ? (COUNTED_KEYS.map((k) => rest[k]) as CountedTuple)
      : rest;
  }
  const doc: BuyerDoc = { v: BUYER_DOC_VERSION, id: record.id, p: record.platform, k: record.buyerKey, n: record.nick, u: record.updatedAt, m: metrics, r: runs, o: orders };
  if (texts.length) doc.t = texts;
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
 * order-rows.ts), naming `runs` and `rawStatuses` by position.
 */
export function packedBuyerDoc(
  head: Pick<BuyerRecord, 'id' | 'platform' | 'buyerKey' | 'nick' | 'updatedAt'> & { metrics: CountedMetrics },
  runs: readonly string[],
  rawStatuses: readonly string[],
): [string, string] {
  // Written out by hand: JSON.stringify costs more here than the orders' text at ~5 orders a buyer.
  const m = head.metrics;
  const metrics = `[${num(m.paidOrders)},${num(m.netCents)},${num(m.aovCents)},${str(m.firstPaidDate)},${str(m.lastPaidDate)},${JSON.stringify(m.paidDates)},${num(m.refundOrders)},${num(m.refundCents)},${num(m.allOrders)}]`;
  const texts = rawStatuses.length ? `,"t":[${rawStatuses.map(str).join(',')}]` : '';
  return [`{"v":${BUYER_DOC_VERSION},"id":${str(head.id)},"p":${str(head.platform)},"k":${str(head.buyerKey)},"n":${str(head.nick)},"u":${num(head.updatedAt)},"m":${metrics},"r":${JSON.stringify(runs)},"o":[`, `]${texts},"i":1}`];
}

/** Each distinct text's position in `list`, added to it when first seen. */
function positionIn(list: string[]): (text: string) => number {
  const at = new Map<string, number>();
  return (text) => {
    let i = at.get(text);
    if (i === undefined) at.set(text, (i = list.push(text) - 1));
    return i;
  };
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
const lineCache = new WeakMap<readonly OrderLine[], LineTuple[] | string>();

/** An order's lines as format 2 writes them: one plain line (no id, quantity 1, nothing else) as its title. */
export function encodeLines(lines: readonly OrderLine[]): LineTuple[] | string {
  if (lines.length === 1) {
    const l = lines[0]!;
    if (l.lineId === '' && l.quantity === 1 && LINE_OPTIONAL.every((f) => l[f] === undefined)) return l.title;
  }
  return lines.map(encodeLine);
}

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
  if (!doc || typeof doc !== 'object' || (doc.v !== 1 && doc.v !== 2) || !Array.isArray(doc.o) || !Array.isArray(doc.r)
    || typeof doc.id !== 'string' || typeof doc.p !== 'string' || typeof doc.k !== 'string' || typeof doc.n !== 'string'
    || typeof doc.u !== 'number' || !doc.m || typeof doc.m !== 'object' || (doc.t !== undefined && !Array.isArray(doc.t))) {
    throw new Error(`not a buyer record (version ${String((doc as { v?: unknown } | null)?.v)})`);
  }
  const bad = (what: string) => new Error(`buyer record ${doc.id}: ${what}`);
  const v2 = doc.v === 2;
  const platform = doc.p as BuyerRecord['platform'];
  const sourceLists = new Map<string, string[]>();
  const firstRun = doc.r.length ? [doc.r[0]!] : null;
  const time = (cell: TimeCell, orderId: string): string | null => {
    if (typeof cell !== 'number') return cell;
    const out = v2 ? unpackTime(cell) : null;
    if (out === null) throw bad(`order ${orderId} has time ${cell}`);
    return out;
  };
  const orders = doc.o.map((t): Order => {
    if (!Array.isArray(t) || t.length < 8) throw bad('an order is not a list of its fields');
    // Orders of one buyer mostly share their sources: share the decoded list too (never changed in place).
    let sources: string[] | undefined;
    if (t[9] === undefined && v2) {
      if (!firstRun) throw bad(`order ${t[0]} names import run #0, which is not listed`);
      sources = firstRun;
    } else {
      const indexes = t[9] ?? [];
      const srcKey = indexes.join(',');
      sources = sourceLists.get(srcKey);
      if (!sources) {
        sources = indexes.map((i) => {
          const run = doc.r[i];
          if (run === undefined) throw bad(`order ${t[0]} names import run #${i}, which is not listed`);
          return run;
        });
        sourceLists.set(srcKey, sources);
      }
    }
    const status = t[1] < 0 ? null : STATUSES[t[1]];
    if (status === undefined) throw bad(`order ${t[0]} has status code ${t[1]}`);
    let rawStatus = t[2] as string | null;
    if (typeof t[2] === 'number') {
      const raw = v2 ? doc.t?.[t[2]] : undefined;
      if (typeof raw !== 'string') throw bad(`order ${t[0]} names raw status #${t[2]}, which is not listed`);
      rawStatus = raw;
    }
    const created = time(t[3], t[0]);
    let paid: string | null;
    if (typeof t[4] === 'number' && typeof t[3] === 'number') paid = time(t[3] + t[4], t[0]);
    else paid = time(t[4], t[0]);
    const lines = t[7];
    if (!Array.isArray(lines) && !(v2 && typeof lines === 'string')) throw bad(`order ${t[0]} has lines ${JSON.stringify(lines)}`);
    const extras = t[10];
    const order: Order = {
      platform: (extras?.f ?? platform) as Order['platform'],
      orderId: t[0],
      buyerKey: extras && 'k' in extras ? extras.k! : doc.k,
      buyerNick: t[8] ?? null,
      status,
      rawStatus,
      createdAt: created,
      paidAt: paid,
      paidCents: t[5],
      refundCents: t[6],
      lines: typeof lines === 'string' ? [{ lineId: '', title: lines, quantity: 1 }] : lines.map(decodeLine),
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
  let counted = doc.m;
  if (Array.isArray(counted)) {
    if (!v2 || counted.length !== COUNTED_KEYS.length) throw bad('its metrics are not a list of the counted ones');
    const tuple = counted;
    counted = Object.fromEntries(COUNTED_KEYS.map((k, i) => [k, tuple[i]])) as unknown as CountedMetrics;
  }
  const metrics = doc.i === 1 ? { ...counted, ...itemsOf(orders) } : (counted as BuyerRecord['metrics']);
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
