import { z } from 'zod';
import { BuyerNoteSchema, BuyerTagSchema, ConcernRecordSchema } from '../db/records';
import { AppSettingsSchema } from '../settings/app';
import { BuyerMetricsSchema, BuyerProfileSchema } from './buyer';
import { LocalDateSchema, PlatformSchema } from './common';

/**
 * The sidebar's questions to the background. The sidebar is an extension page inside the
 * console's tab; browsers block or partition storage in such embedded frames, so the sidebar
 * never opens the database itself: the background answers from the extension's own IndexedDB.
 * Requests and results are both validated where they arrive.
 */
const BuyerId = z.string().min(1).max(400);

export const SidebarRequestSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('settings') }),
  z.object({ method: z.literal('buyer'), platform: PlatformSchema, id: z.string().max(300).nullable(), nick: z.string().max(300), asOf: LocalDateSchema }),
  z.object({ method: z.literal('notes'), buyerId: BuyerId }),
  z.object({ method: z.literal('addNote'), buyerId: BuyerId, text: z.string().min(1).max(5000) }),
  z.object({ method: z.literal('deleteNote'), id: z.string().max(100) }),
  z.object({ method: z.literal('tags'), buyerId: BuyerId }),
  z.object({ method: z.literal('setTag'), buyerId: BuyerId, tag: z.string().min(1).max(40), on: z.boolean() }),
  z.object({ method: z.literal('concerns'), buyerId: BuyerId }),
  z.object({
    method: z.literal('saveConcern'),
    concern: ConcernRecordSchema.pick({ buyerId: true, nick: true, platform: true, console: true, conversationId: true, messageId: true, concern: true, quote: true, source: true }),
  }),
  z.object({ method: z.literal('resolveConcern'), id: z.string().max(100), resolved: z.boolean() }),
]);
export type SidebarRequest = z.infer<typeof SidebarRequestSchema>;
export type SidebarMethod = SidebarRequest['method'];

export const BuyerLookupSchema = z.object({
  /** The imported buyer, when the console's buyer is in the data. */
  buyer: z.object({ id: z.string(), nick: z.string(), platform: PlatformSchema, metrics: BuyerMetricsSchema }).nullable(),
  profile: BuyerProfileSchema.nullable(),
  /** Whether any orders were imported at all (an empty shop shows an invitation to import). */
  anyData: z.boolean(),
});
export type BuyerLookup = z.infer<typeof BuyerLookupSchema>;

/** What each method answers. */
export const SidebarResultSchemas = {
  settings: AppSettingsSchema,
  buyer: BuyerLookupSchema,
  notes: z.array(BuyerNoteSchema),
  addNote: BuyerNoteSchema,
  deleteNote: z.null(),
  tags: z.array(BuyerTagSchema),
  setTag: z.null(),
  concerns: z.array(ConcernRecordSchema),
  saveConcern: ConcernRecordSchema,
  resolveConcern: z.null(),
} satisfies Record<SidebarMethod, z.ZodType>;

export type SidebarResult<M extends SidebarMethod> = z.infer<(typeof SidebarResultSchemas)[M]>;
