import { z } from 'zod';
import { MoneySchema } from '../money/totals';
import { ProfileSettingsSchema } from '../metrics/profile';
import { StageIdSchema } from '../schemas/buyer';
import { LocalDateSchema, PlatformSchema } from '../schemas/common';
import { BuyerRowSchema } from './buyer-rows';

/**
 * Messages between the supervisor's buyers table and the worker that keeps its rows. The worker
 * holds every derived row (200,000 in big shops); the page only ever receives the window it shows.
 */

/** Most rows one answer may carry: a tall screen's window with room to spare, far from the whole shop. */
export const MAX_WINDOW_ROWS = 500;
/** Longest search text; the page cuts longer input (no nick or buyer key comes near it). */
export const MAX_QUERY_LENGTH = 1000;

/** The table's filters; '' means "any". Level '-' means "no level". */
export const BuyerFiltersSchema = z.object({
  level: z.string().max(200),
  /** An RFM-8 segment id or a layer id. */
  segment: z.string().max(200),
  stage: z.union([z.literal(''), StageIdSchema]),
  platform: z.union([z.literal(''), PlatformSchema]),
  /** Searched in nick and buyer key, case-insensitive, surrounding spaces ignored. */
  q: z.string().max(MAX_QUERY_LENGTH),
});
export type BuyerFilters = z.infer<typeof BuyerFiltersSchema>;

const SeqSchema = z.number().int().nonnegative();

/** Re-derive the rows for these settings and date (on open, and when data, settings or the date change). */
export const LoadRequestSchema = z.object({
  type: z.literal('load'),
  asOf: LocalDateSchema,
  profile: ProfileSettingsSchema,
});

/** Rows [start, end) of the rows matching `filters`, with the counts the page shows. */
export const QueryRequestSchema = z
  .object({ type: z.literal('query'), seq: SeqSchema, filters: BuyerFiltersSchema, start: SeqSchema, end: SeqSchema })
  .refine((q) => q.start <= q.end && q.end - q.start <= MAX_WINDOW_ROWS, {
    message: `a window of at most ${MAX_WINDOW_ROWS} rows`,
  });

/** Every row matching `filters`, as the CSV file the page downloads. */
export const ExportRequestSchema = z.object({ type: z.literal('export'), id: SeqSchema, filters: BuyerFiltersSchema });

export const BuyersTableRequestSchema = z.union([LoadRequestSchema, QueryRequestSchema, ExportRequestSchema]);
export type LoadRequest = z.infer<typeof LoadRequestSchema>;
export type QueryRequest = z.infer<typeof QueryRequestSchema>;
export type ExportRequest = z.infer<typeof ExportRequestSchema>;
export type BuyersTableRequest = z.infer<typeof BuyersTableRequestSchema>;

export const QueryResultSchema = z.object({
  type: z.literal('result'),
  seq: SeqSchema,
  /** Rows matching the filters. */
  total: z.number().int().nonnegative(),
  /** Rows overall. */
  all: z.number().int().nonnegative(),
  /** Distinct platforms over all rows, in order of first appearance. */
  platforms: z.array(PlatformSchema),
  /** Position of `rows[0]` among the matching rows. */
  start: z.number().int().nonnegative(),
  rows: z.array(BuyerRowSchema).max(MAX_WINDOW_ROWS),
  /** What the matching buyers spent, one sum per currency (CNY first). */
  netTotals: z.array(MoneySchema),
});
export type QueryResult = z.infer<typeof QueryResultSchema>;

export const BuyersTableReplySchema = z.discriminatedUnion('type', [
  QueryResultSchema,
  /** The rows were derived again (new data or settings): ask again for what is shown. */
  z.object({ type: z.literal('changed') }),
  z.object({ type: z.literal('csv'), id: SeqSchema, blob: z.instanceof(Blob) }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type BuyersTableReply = z.infer<typeof BuyersTableReplySchema>;
