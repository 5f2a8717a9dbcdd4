import { itemsOf, type CountedMetrics } from '../metrics/compute';
import { buyerId } from '../schemas/buyer';
import { OrderStatusSchema, type Order, type OrderLine } from '../schemas/order';
import { latinWith, num, refJson, str, textRef } from './doc-text';
import { LexiconMiss, type Lexicon } from './lexicon';
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
 * Format 3 (written since lookups had to read less): a doc is a Latin-1 string, a third the size.
 * - Texts that repeat across buyers (titles, SKUs, categories, raw statuses) are named by their
 *   number in the lexicon (lexicon.ts) when one is given, else written in full.
 * - The buyer key is left out (the shard lists it beside the doc), and so are the id and the nick
 *   when they are what the key makes them.
 * - With a lexicon, any character above U+00FF left (a nick, an address) is written as a JSON \u
 *   escape. (Without one, the titles would cost three times their size escaped: nothing is.)
 *
 * Since the import reads the parcel (tracking number and carrier), an order's extras may name them
 * (`w`, `c`); a doc without them reads as before, so the format number stays 3.
 *
 * `decodeBuyer(encodeBuyer(r), r.buyerKey)` gives `r` back field for field (a property test holds it to that),
 * including the rare shapes: orders with shipping times or contact details, an order whose buyer key
 * differs from the buyer's, unknown extra fields of a record written by a later version.
 */
export const BUYER_DOC_VERSION = 3;

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
type OrderTuple = [
  string,
  number,
  string | number | null,
  TimeCell,
  TimeCell,
  number | null,
  number | null,
  LineTuple[] | string | number,
  (string | null)?,
  number[]?,
  OrderExtras?,
];
/**
 * A line: id, title, quantity, then sku, category, paid cents, refund cents (null when absent,
 * trailing ones dropped). Format 3: title, sku and category may be lexicon numbers; one plain line
 * may be its title's number.
 */
type LineTuple = [string, string | number, number, ...(string | number | null)[]];

/** What few orders have; each key present only when the order has the field. */
interface OrderExtras {
  /** shippedAt (may be null) */
  s?: string | null;
  /**
   * The parcel: tracking number (always written out: it is unique to the order) and carrier (format 3:
   * a lexicon number when a lexicon is given, as carriers repeat across orders).
   */
  w?: string;
  c?: string | number;
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
const COUNTED_KEYS = [
  'paidOrders',
  'netCents',
  'aovCents',
  'firstPaidDate',
  'lastPaidDate',
  'paidDates',
  'refundOrders',
  'refundCents',
  'allOrders',
] as const;
type CountedTuple = [number, number, number, string | null, string | null, string[], number, number, number];

interface BuyerDoc {
  v: number;
  /** Formats 1–2 always; format 3 when it is not `${p}:${key}`. */
  id?: string;
  p: string;
  /** Formats 1–2 (format 3: the key is the shard's). */
  k?: string;
  /** Formats 1–2 always; format 3 when it is not the key. */
  n?: string;
  u: number;
  d?: number;
  m: BuyerRecord['metrics'] | Omit<BuyerRecord['metrics'], 'lastItems' | 'categories'> | CountedTuple;
  /** 1 when `m` leaves out the items and categories: derived from the orders when read. */
  i?: 1;
  /** Import-run ids, referred to by position from the orders. */
  r: string[];
  o: OrderTuple[];
  /** Raw statuses, referred to by position from the orders (format 2 on; left out when none; format 3: lexicon numbers or texts). */
  t?: (string | number)[];
  /** Fields a later version added to buyer records. */
  x?: Record<string, unknown>;
}

const ORDER_FIELDS = new Set([
  'platform',
  'orderId',
  'buyerKey',
  'buyerNick',
  'status',
  'rawStatus',
  'createdAt',
  'paidAt',
  'shippedAt',
  'paidCents',
  'refundCents',
  'lines',
  'trackingNo',
  'carrier',
  'phone',
  'address',
  'sources',
]);
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
 * `lexicon`: name repeated texts by their number in it (new ones are added to its own chunk).
 */
export function encodeBuyer(record: BuyerRecord, options: { itemsDerived?: boolean; lexicon?: Lexicon } = {}): string {
  const { lexicon } = options;
  const runs: string[] = [];
  const runIndex = positionIn(runs);
  const texts: string[] = [];
  const textIndex = positionIn(texts);
  const lineCache = lineCacheOf(lexicon);
  // Orders of one import share their `sources` and often their `lines` arrays: encode each once.
  let lastSources: readonly string[] | null = null;
  let lastIndexes: number[] = [];
  const orders = record.orders.map((o): OrderTuple => {
    if (o.sources !== lastSources) {
      lastSources = o.sources;
      lastIndexes = o.sources.map(runIndex);
    }
    let lines = lineCache.get(o.lines);
    if (lines === undefined) lineCache.set(o.lines, (lines = encodeLines(o.lines, lexicon)));
    const created = timeCell(o.createdAt);
    let paid = timeCell(o.paidAt);
    if (typeof paid === 'number' && typeof created === 'number') paid -= created;
    const tuple: OrderTuple = [
      o.orderId,
      o.status === null ? -1 : STATUS_CODE.get(o.status)!,
      o.rawStatus === null ? null : textIndex(o.rawStatus),
      created,
      paid,
      o.paidCents,
      o.refundCents,
      lines,
    ];
    let extras: OrderExtras | undefined;
    if (o.shippedAt !== undefined) (extras ??= {}).s = o.shippedAt;
    // In this order: order-rows.ts writes a packed order's parcel the same way.
    if (o.trackingNo !== undefined) (extras ??= {}).w = o.trackingNo;
    if (o.carrier !== undefined) (extras ??= {}).c = textRef(o.carrier, lexicon);
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
    metrics =
      Object.keys(rest).length === COUNTED_KEYS.length && COUNTED_KEYS.every((k) => k in rest)
        ? (COUNTED_KEYS.map((k) => rest[k]) as CountedTuple)
        : rest;
  }
  // Keys in the order packedBuyerDoc writes them (the import's docs and these must be the same text).
  const doc: BuyerDoc = {
    v: BUYER_DOC_VERSION,
    ...(record.id === buyerId(record.platform, record.buyerKey) ? {} : { id: record.id }),
    p: record.platform,
    ...(record.nick === record.buyerKey ? {} : { n: record.nick }),
    u: record.updatedAt,
    m: metrics,
    r: runs,
    o: orders,
  };
  if (texts.length) doc.t = texts.map((t) => textRef(t, lexicon));
  if (options.itemsDerived) doc.i = 1;
  if (record.deletedAt !== undefined) doc.d = record.deletedAt;
  for (const key of Object.keys(record)) {
    if (!RECORD_FIELDS.has(key)) setOwn((doc.x ??= {}), key, (record as Record<string, unknown>)[key]);
  }
  return latinWith(lexicon, JSON.stringify(doc));
}

/**
 * What `encodeBuyer(record, { itemsDerived: true, lexicon })` gives for a live record without extra
 * fields, less its orders: the text before and after them. Between the two go the orders as JSON
 * order tuples separated by commas (the import writes them straight from its order rows, see
 * order-rows.ts), naming `runs` and `rawStatuses` by position. Latin-1 with a lexicon (see latinWith in doc-text.ts).
 */
export function packedBuyerDoc(
  head: Pick<BuyerRecord, 'id' | 'platform' | 'buyerKey' | 'nick' | 'updatedAt'> & { metrics: CountedMetrics },
  runs: readonly string[],
  rawStatuses: readonly string[],
  lexicon: Lexicon | undefined,
): [string, string] {
  // Written out by hand, and escaped only where text can be: JSON.stringify and whole-doc checks
  // cost more here than the orders' text at ~5 orders a buyer.
  const m = head.metrics;
  let dates = '';
  for (const d of m.paidDates) dates += dates ? `,${str(d)}` : str(d);
  const metrics = `[${num(m.paidOrders)},${num(m.netCents)},${num(m.aovCents)},${str(m.firstPaidDate)},${str(m.lastPaidDate)},[${dates}],${num(m.refundOrders)},${num(m.refundCents)},${num(m.allOrders)}]`;
  const texts = rawStatuses.length ? `,"t":[${rawStatuses.map((t) => refJson(t, lexicon)).join(',')}]` : '';
  const id = isBuyerId(head.id, head.platform, head.buyerKey) ? '' : `"id":${latinWith(lexicon, str(head.id))},`;
  const nick = head.nick === head.buyerKey ? '' : `"n":${latinWith(lexicon, str(head.nick))},`;
  return [
    `{"v":${BUYER_DOC_VERSION},${id}"p":${str(head.platform)},${nick}"u":${num(head.updatedAt)},"m":${metrics},"r":${runsJson(runs, lexicon)},"o":[`,
    `]${texts},"i":1}`,
  ];
}

/** Whether `id` is `${platform}:${key}` (without building that string). */
function isBuyerId(id: string, platform: string, key: string): boolean {
  return (
    id.length === platform.length + 1 + key.length &&
    id.charCodeAt(platform.length) === 58 &&
    id.startsWith(platform) &&
    id.endsWith(key)
  );
}

/** JSON of an import's run ids: every buyer it writes lists the same ones. */
let lastRuns: { runs: readonly string[]; lexicon: Lexicon | undefined; json: string } | null = null;
function runsJson(runs: readonly string[], lexicon: Lexicon | undefined): string {
  if (lastRuns?.runs !== runs || lastRuns.lexicon !== lexicon)
    lastRuns = { runs, lexicon, json: latinWith(lexicon, JSON.stringify(runs)) };
  return lastRuns.json;
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

/** Encoded lines by the array they came from (an import shares one array among the orders of an item), per lexicon. */
const lineCaches = new WeakMap<object, WeakMap<readonly OrderLine[], LineTuple[] | string | number>>();
const NO_LEXICON = {};
function lineCacheOf(lexicon: Lexicon | undefined): WeakMap<readonly OrderLine[], LineTuple[] | string | number> {
  const owner = lexicon ?? NO_LEXICON;
  let cache = lineCaches.get(owner);
  if (!cache) lineCaches.set(owner, (cache = new WeakMap()));
  return cache;
}

/** An order's lines as a doc writes them: one plain line (no id, quantity 1, nothing else) as its title (or its number). */
export function encodeLines(lines: readonly OrderLine[], lexicon: Lexicon | undefined): LineTuple[] | string | number {
  if (lines.length === 1) {
    const l = lines[0]!;
    if (l.lineId === '' && l.quantity === 1 && LINE_OPTIONAL.every((f) => l[f] === undefined))
      return textRef(l.title, lexicon);
  }
  return lines.map((l) => encodeLine(l, lexicon));
}

export function encodeLine(line: OrderLine, lexicon: Lexicon | undefined): LineTuple {
  const tuple: LineTuple = [line.lineId, textRef(line.title, lexicon), line.quantity];
  let last = 2;
  LINE_OPTIONAL.forEach((field, i) => {
    const value = line[field];
    tuple[3 + i] = value === undefined ? null : typeof value === 'string' ? textRef(value, lexicon) : value;
    if (value !== undefined) last = 3 + i;
  });
  tuple.length = last + 1;
  return tuple;
}

/**
 * The record a doc was written from; `key` is the buyer key the shard lists beside it, `lexicon` the
 * texts format 3 names by number. Throws on a doc that is not one (a damaged or foreign value), and
 * a {@link LexiconMiss} when the doc names a text the lexicon does not have.
 */
export function decodeBuyer(text: string, key: string, lexicon?: Lexicon): BuyerRecord {
  const doc = JSON.parse(text) as BuyerDoc;
  const version = (doc as { v?: unknown } | null)?.v;
  if (
    !doc ||
    typeof doc !== 'object' ||
    (version !== 1 && version !== 2 && version !== 3) ||
    !Array.isArray(doc.o) ||
    !Array.isArray(doc.r) ||
    typeof doc.p !== 'string' ||
    typeof doc.u !== 'number' ||
    !doc.m ||
    typeof doc.m !== 'object' ||
    (doc.t !== undefined && !Array.isArray(doc.t)) ||
    (version === 3
      ? (doc.id !== undefined && typeof doc.id !== 'string') || (doc.n !== undefined && typeof doc.n !== 'string')
      : typeof doc.id !== 'string' || typeof doc.k !== 'string' || typeof doc.n !== 'string')
  ) {
    throw new Error(`not a buyer record (version ${String(version)})`);
  }
  const v3 = version === 3;
  const buyerKey = v3 ? key : doc.k!;
  const id = doc.id ?? buyerId(doc.p, buyerKey);
  /** A text a format 3 doc may name by number. */
  const named = (ref: unknown, what: string): string => {
    if (typeof ref === 'string') return ref;
    if (!v3 || typeof ref !== 'number') throw new Error(`buyer record ${id}: ${what} is ${JSON.stringify(ref)}`);
    if (!lexicon) throw new LexiconMiss(`buyer record ${id} names text #${ref}, and no text list is loaded`);
    return lexicon.text(ref);
  };
  const bad = (what: string) => new Error(`buyer record ${id}: ${what}`);
  const v2 = version >= 2;
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
      if (raw === undefined) throw bad(`order ${t[0]} names raw status #${t[2]}, which is not listed`);
      rawStatus = named(raw, `raw status #${t[2]}`);
    }
    const created = time(t[3], t[0]);
    let paid: string | null;
    if (typeof t[4] === 'number' && typeof t[3] === 'number') paid = time(t[3] + t[4], t[0]);
    else paid = time(t[4], t[0]);
    const lines = t[7];
    if (!Array.isArray(lines) && !(v2 && typeof lines === 'string') && !(v3 && typeof lines === 'number'))
      throw bad(`order ${t[0]} has lines ${JSON.stringify(lines)}`);
    const extras = t[10];
    const order: Order = {
      platform: (extras?.f ?? platform) as Order['platform'],
      orderId: t[0],
      buyerKey: extras && 'k' in extras ? extras.k! : buyerKey,
      buyerNick: t[8] ?? null,
      status,
      rawStatus,
      createdAt: created,
      paidAt: paid,
      paidCents: t[5],
      refundCents: t[6],
      lines: Array.isArray(lines)
        ? lines.map((l) => decodeLine(l, named))
        : [{ lineId: '', title: named(lines, `order ${t[0]}'s title`), quantity: 1 }],
      sources,
    };
    if (extras) {
      if ('s' in extras) order.shippedAt = extras.s;
      if (extras.w !== undefined) {
        if (typeof extras.w !== 'string') throw bad(`order ${t[0]} has tracking number ${JSON.stringify(extras.w)}`);
        order.trackingNo = extras.w;
      }
      if (extras.c !== undefined) order.carrier = named(extras.c, `order ${t[0]}'s carrier`);
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
  const record: BuyerRecord = { id, platform, buyerKey, nick: doc.n ?? buyerKey, orders, metrics, updatedAt: doc.u };
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

function decodeLine(t: LineTuple, named: (ref: unknown, what: string) => string): OrderLine {
  const line: OrderLine = { lineId: t[0], title: named(t[1], 'a line title'), quantity: t[2] };
  for (let i = 0; i < LINE_OPTIONAL.length; i++) {
    const value = t[3 + i];
    if (value === null || value === undefined) continue;
    const field = LINE_OPTIONAL[i]!;
    (line as Record<string, unknown>)[field] =
      field === 'sku' || field === 'category' ? named(value, `a line's ${field}`) : value;
  }
  return line;
}
