import { z } from 'zod';
import { ColumnMappingSchema, FORMAT_IDS, ImportIssueSchema } from '../import';
import { PlatformSchema, UiLocaleSchema } from '../schemas/common';
import { DATA_TASKS } from './data-lock';
import { ImportRunSchema } from './records';

const FormatChoiceSchema = z.union([z.enum(FORMAT_IDS), z.literal('auto')]);

/**
 * One import run: all its files land together or not at all (a cancel undoes the whole run). Files
 * travel as File objects (structured clone), checked on arrival. Each file is read as its `formats`
 * entry says; `mapping` and `platform` are for the files read as a generic table.
 */
export const ImportJobSchema = z
  .object({
    runId: z.string().min(1),
    files: z.array(z.instanceof(Blob)).min(1),
    names: z.array(z.string()),
    formats: z.array(FormatChoiceSchema),
    mapping: ColumnMappingSchema.optional(),
    platform: PlatformSchema.optional(),
    locale: UiLocaleSchema,
  })
  .refine((job) => job.formats.length === job.files.length && job.names.length === job.files.length, {
    message: 'one name and one format per file',
  });
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** Options page → import worker: the job (once per worker), and a cancel. */
export const ImportCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), job: ImportJobSchema }),
  z.object({ type: z.literal('cancel') }),
]);
export type ImportCommand = z.infer<typeof ImportCommandSchema>;

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
  z.object({
    type: z.literal('failed'),
    message: z.string(),
    run: ImportRunSchema.optional(),
    issues: z.array(ImportIssueSchema),
  }),
  /** Cancelled: `rolledBack` says whether everything the run wrote was put back. */
  z.object({ type: z.literal('cancelled'), message: z.string(), rolledBack: z.boolean() }),
  /** Not started: another import or a restore holds the data lock. */
  z.object({ type: z.literal('busy'), holder: z.enum(DATA_TASKS).nullable() }),
]);
export type ImportWorkerMessage = z.infer<typeof ImportWorkerMessageSchema>;
