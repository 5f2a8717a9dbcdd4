import { z } from 'zod';
import { PLATFORMS, type Platform } from '../schemas/common';
import { OrderStatusSchema, type OrderFragment, type OrderLine, type OrderStatus } from '../schemas/order';
import { TEXT_ENCODINGS } from './encoding';
import { ColumnMappingSchema } from './mapping';
import { FORMAT_IDS } from './formats/specs';
import { ImportIssueSchema } from './issues';
import type { ImportBatch } from './read-orders';

/**
 * A batch of fragments as it crosses from the parsing worker to the importing one. Structured clone
 * writes every property name of every object; a flat array of values is half the bytes and about
 * twice as fast to clone and rebuild. Per fragment: FRAGMENT_FIELDS values, then LINE_FIELDS values
 * per line. `undefined` marks an optional field the fragment does not have.
 */
const FRAGMENT_FIELDS = 17;
const LINE_FIELDS = 7;

const DetectedFormatSchema = z.object({
  id: z.enum(FORMAT_IDS),
  variant: z.string().nullable(),
  platform: z.enum(PLATFORMS),
  confidence: z.number(),
  mapping: ColumnMappingSchema,
  headers: z.array(z.string()),
  missing: z.array(z.string()),
});

/** Everything of a batch but its fragments, checked by zod; the fragments are checked as they are rebuilt. */
export const WireBatchSchema = z.object({
  values: z.custom<unknown[]>((v) => Array.isArray(v), 'expected an array of values'),
  count: z.number().int().nonnegative(),
  issues: z.array(ImportIssueSchema),
  bytesRead: z.number().nonnegative(),
  rowsRead: z.number().int().nonnegative(),
  format: DetectedFormatSchema,
  encoding: z.enum(TEXT_ENCODINGS),
});
export type WireBatch = z.infer<typeof WireBatchSchema>;

export function toWire(batch: ImportBatch): WireBatch {
  const values: unknown[] = [];
  for (const f of batch.fragments) {
    values.push(
      f.platform,
      f.orderId,
      f.buyerKey,
      f.buyerNick,
      f.status,
      f.rawStatus,
      f.createdAt,
      f.paidAt,
      f.shippedAt,
      f.paidCents,
      f.refundCents,
      f.phone,
      f.address,
      f.trackingNo,
      f.carrier,
      f.currency,
      f.lines.length,
    );
    for (const l of f.lines) values.push(l.lineId, l.title, l.quantity, l.sku, l.category, l.paidCents, l.refundCents);
  }
  const { fragments, ...rest } = batch;
  return { ...rest, values, count: fragments.length };
}

/** A wire batch that does not hold what its sender promised. */
export class WireError extends Error {
  constructor(what: string, at: number) {
    super(`Malformed batch from the parsing worker: ${what} at value ${at}`);
    this.name = 'WireError';
  }
}

const PLATFORM_SET: ReadonlySet<unknown> = new Set(PLATFORMS);
const STATUS_SET: ReadonlySet<unknown> = new Set(OrderStatusSchema.options);
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** Rebuild and check a batch; throws a WireError naming the first value that is not what it should be. */
export function fromWire(data: unknown): ImportBatch {
  const parsed = WireBatchSchema.safeParse(data);
  if (!parsed.success) throw new WireError(parsed.error.issues[0]?.message ?? 'bad envelope', -1);
  const { values: v, count, ...rest } = parsed.data;
  const fragments: OrderFragment[] = new Array<OrderFragment>(count);
  let i = 0;
  const str = (at: number) => {
    const x = v[at];
    if (typeof x !== 'string') throw new WireError('expected text', at);
    return x;
  };
  const strOrNull = (at: number) => (v[at] === null ? null : str(at));
  const nonEmpty = (at: number) => {
    const x = str(at);
    if (x === '') throw new WireError('expected text that is not empty', at);
    return x;
  };
  const time = (at: number) => {
    const x = v[at];
    if (x === null) return null;
    if (typeof x !== 'string' || !DATE_TIME.test(x)) throw new WireError('expected a local date-time', at);
    return x;
  };
  const int = (at: number) => {
    const x = v[at];
    if (!Number.isSafeInteger(x)) throw new WireError('expected a whole number', at);
    return x as number;
  };
  const intOrNull = (at: number) => (v[at] === null ? null : int(at));
  for (let n = 0; n < count; n++) {
    if (i + FRAGMENT_FIELDS > v.length) throw new WireError('batch ends inside a fragment', i);
    if (!PLATFORM_SET.has(v[i])) throw new WireError('expected a platform', i);
    const orderId = str(i + 1);
    if (orderId === '') throw new WireError('expected an order id', i + 1);
    const buyerKey = strOrNull(i + 2);
    if (buyerKey === '') throw new WireError('expected a buyer key or null', i + 2);
    const status = v[i + 4];
    if (status !== null && !STATUS_SET.has(status)) throw new WireError('expected a status', i + 4);
    const f: OrderFragment = {
      platform: v[i] as Platform,
      orderId,
      buyerKey,
      buyerNick: strOrNull(i + 3),
      status: status as OrderStatus | null,
      rawStatus: strOrNull(i + 5),
      createdAt: time(i + 6),
      paidAt: time(i + 7),
      paidCents: 0,
      refundCents: 0,
      lines: [],
    };
    if (v[i + 8] !== undefined) f.shippedAt = time(i + 8);
    f.paidCents = intOrNull(i + 9);
    f.refundCents = intOrNull(i + 10);
    if (v[i + 11] !== undefined) f.phone = str(i + 11);
    if (v[i + 12] !== undefined) f.address = str(i + 12);
    if (v[i + 13] !== undefined) f.trackingNo = nonEmpty(i + 13);
    if (v[i + 14] !== undefined) f.carrier = nonEmpty(i + 14);
    if (v[i + 15] !== undefined) {
      const currency = str(i + 15);
      if (!CURRENCY.test(currency)) throw new WireError('expected a currency code', i + 15);
      f.currency = currency;
    }
    const lineCount = int(i + 16);
    if (lineCount < 0) throw new WireError('expected a line count', i + 16);
    i += FRAGMENT_FIELDS;
    if (i + lineCount * LINE_FIELDS > v.length) throw new WireError('batch ends inside a line', i);
    const lines = new Array<OrderLine>(lineCount);
    for (let k = 0; k < lineCount; k++, i += LINE_FIELDS) {
      const quantity = int(i + 2);
      if (quantity < 0) throw new WireError('expected a quantity', i + 2);
      const line: OrderLine = { lineId: str(i), title: str(i + 1), quantity };
      if (v[i + 3] !== undefined) line.sku = str(i + 3);
      if (v[i + 4] !== undefined) line.category = str(i + 4);
      if (v[i + 5] !== undefined) line.paidCents = int(i + 5);
      if (v[i + 6] !== undefined) line.refundCents = int(i + 6);
      lines[k] = line;
    }
    f.lines = lines;
    fragments[n] = f;
  }
  if (i !== v.length) throw new WireError('values left after the last fragment', i);
  return { ...rest, fragments };
}
