import { z } from 'zod';
import { BuyerMetricsSchema } from '../schemas/buyer';
import { LocalDateSchema, LocalDateTimeSchema, PlatformSchema, SyncFieldsSchema } from '../schemas/common';
import { OrderSchema } from '../schemas/order';
import { ConcernProductSchema } from '../concerns/product';

/**
 * A buyer as stored: the buyer's orders live inside the record. One record per buyer keeps an
 * import of N orders at about N / (orders per buyer) writes, which is what makes large imports fast,
 * and dedupe is a merge by order id inside the record.
 */
export const BuyerRecordSchema = SyncFieldsSchema.extend({
  /** `${platform}:${buyerKey}` */
  id: z.string(),
  platform: PlatformSchema,
  buyerKey: z.string(),
  nick: z.string(),
  orders: z.array(OrderSchema),
  metrics: BuyerMetricsSchema,
});
export type BuyerRecord = z.infer<typeof BuyerRecordSchema>;

/** Orders whose export names no buyer (Pinduoduo, Taobao item report), bucketed by order id. */
export const OrphanBucketSchema = SyncFieldsSchema.extend({
  /** `${platform}:~${bucket}` */
  id: z.string(),
  platform: PlatformSchema,
  orders: z.array(OrderSchema),
});
export type OrphanBucket = z.infer<typeof OrphanBucketSchema>;

export const ImportFileInfoSchema = z.object({
  name: z.string(),
  size: z.number().nonnegative().optional(),
  format: z.string().optional(),
  encoding: z.string().optional(),
});

export const ImportRunSchema = SyncFieldsSchema.extend({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  files: z.array(ImportFileInfoSchema),
  startedAt: z.number(),
  finishedAt: z.number().optional(),
  rows: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  newOrders: z.number().int().nonnegative(),
  buyersTouched: z.number().int().nonnegative(),
  ordersWithoutBuyer: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  /** The first issues, formatted for people; the full list is offered as a download at the time. */
  issueSample: z.array(z.string()),
  failure: z.string().optional(),
  /**
   * The newest time among the run's orders (placed, paid or shipped; shop-local): how current the
   * imported data is, which the day of the import is not (an export of last week imported today).
   * Absent on runs stored before it was kept, and when no row had a time.
   */
  newestOrderAt: LocalDateTimeSchema.optional(),
});
export type ImportRun = z.infer<typeof ImportRunSchema>;

/** A free-text note an agent keeps on a buyer. */
export const BuyerNoteSchema = SyncFieldsSchema.extend({
  id: z.string(),
  buyerId: z.string(),
  text: z.string().max(5000),
  author: z.string(),
  createdAt: z.number(),
});
export type BuyerNote = z.infer<typeof BuyerNoteSchema>;

/** A tag on a buyer; id = `${buyerId}|${tag}` so two agents adding the same tag make one record. */
export const BuyerTagSchema = SyncFieldsSchema.extend({
  id: z.string(),
  buyerId: z.string(),
  tag: z.string().min(1).max(40),
  author: z.string(),
});
export type BuyerTag = z.infer<typeof BuyerTagSchema>;

/** A concern a buyer raised, tagged from a chat message. */
export const ConcernRecordSchema = SyncFieldsSchema.extend({
  /** Derived from (buyer, message, concern): the same message is never stored twice. */
  id: z.string(),
  buyerId: z.string(),
  nick: z.string(),
  platform: PlatformSchema,
  console: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
  concern: z.string(),
  /** The buyer's words. */
  quote: z.string().max(2000),
  at: z.number(),
  date: LocalDateSchema,
  agent: z.string(),
  source: z.enum(['agent', 'auto']),
  /** The agent marked it from the message's text because the detector missed it (a labelled example). */
  missed: z.boolean().optional(),
  /** The whole buyer message the concern was marked in (for a missed concern; `quote` is the selection). */
  messageText: z.string().max(2000).optional(),
  /** The product the buyer was asking about: the last product card before the message (absent in records made before). */
  product: ConcernProductSchema.optional(),
  resolved: z.boolean(),
  resolvedBy: z.string().optional(),
  resolvedAt: z.number().optional(),
});
export type ConcernRecord = z.infer<typeof ConcernRecordSchema>;

export const SettingRecordSchema = z.object({
  key: z.string(),
  value: z.unknown(),
  updatedAt: z.number(),
});
export type SettingRecord = z.infer<typeof SettingRecordSchema>;
