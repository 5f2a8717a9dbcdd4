import { z } from 'zod';
import { ColumnMappingSchema, FORMAT_IDS, ImportIssueSchema } from '../import';
import { PlatformSchema, UiLocaleSchema } from '../schemas/common';
import { ImportRunSchema } from './records';

/** Options page → import worker. Files travel as File objects (structured clone), checked on arrival. */
export const ImportJobSchema = z.object({
  runId: z.string().min(1),
  files: z.array(z.instanceof(Blob)).min(1),
  names: z.array(z.string()),
  format: z.union([z.enum(FORMAT_IDS), z.literal('auto')]),
  mapping: ColumnMappingSchema.optional(),
  platform: PlatformSchema.optional(),
  locale: UiLocaleSchema,
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

export const ImportProgressSchema = z.object({
  file: z.string(),
  fileIndex: z.number(),
  files: z.number(),
  bytesRead: z.number(),
  bytesTotal: z.number(),
  rows: z.number(),
  phase: z.enum(['reading', 'writing', 'segments', 'done']),
  written: z.number().optional(),
  toWrite: z.number().optional(),
});

/** Import worker → options page. */
export const ImportWorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: ImportProgressSchema }),
  z.object({ type: z.literal('done'), run: ImportRunSchema, issues: z.array(ImportIssueSchema) }),
  z.object({ type: z.literal('failed'), message: z.string(), run: ImportRunSchema.optional(), issues: z.array(ImportIssueSchema) }),
]);
export type ImportWorkerMessage = z.infer<typeof ImportWorkerMessageSchema>;
