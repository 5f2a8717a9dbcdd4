import { z } from 'zod';
import { DEFAULT_CONCERN_IDS } from '../concerns/defaults/ids';
import { LocalDateTimeSchema, LocaleSchema } from '../schemas/common';

/**
 * Shape of `conversations.json`, the data the demo console loads. The console validates the file
 * with these schemas, so a generator change that breaks the console fails loudly instead of rendering
 * half a thread.
 */
/** The extension's default concern ids, in the same order (a file of its own, so the demo console does not load the taxonomy). */
export const DEMO_CONCERNS = DEFAULT_CONCERN_IDS;
export const DemoConcernSchema = z.enum(DEMO_CONCERNS);
export type DemoConcern = z.infer<typeof DemoConcernSchema>;

export const DemoAuthorSchema = z.enum(['buyer', 'agent', 'system']);
export type DemoAuthor = z.infer<typeof DemoAuthorSchema>;

export const DemoProductCardSchema = z.object({
  productId: z.string(),
  title: z.string(),
  priceCents: z.number().int().nonnegative(),
  category: z.enum(['clothing', 'cosmetics', 'baby']),
  /** Colour of the image placeholder. */
  color: z.string(),
});
export type DemoProductCard = z.infer<typeof DemoProductCardSchema>;

export const DemoMessageSchema = z.object({
  /** Stable across page loads: `<conversation>-m<n>`. */
  id: z.string(),
  author: DemoAuthorSchema,
  at: LocalDateTimeSchema,
  /** For a product card, the product title. */
  text: z.string(),
  card: DemoProductCardSchema.optional(),
});
export type DemoMessage = z.infer<typeof DemoMessageSchema>;

/** A buyer message the console delivers `delayMs` after it starts (unless `?script=off`). */
export const DemoScriptedMessageSchema = z.object({
  /** `<conversation>-s<n>`. */
  id: z.string(),
  delayMs: z.number().int().nonnegative(),
  text: z.string().min(1),
  /** What the message is about, so tests can check the extension recognised it. */
  concerns: z.array(DemoConcernSchema),
});
export type DemoScriptedMessage = z.infer<typeof DemoScriptedMessageSchema>;

export const DemoConversationSchema = z.object({
  id: z.string(),
  /** The platform buyer id; on Taobao the member name, so equal to `nick`. */
  buyerId: z.string().min(1),
  nick: z.string().min(1),
  lang: LocaleSchema,
  /** Whether the buyer appears in the demo order export (new visitors do not). */
  inExport: z.boolean(),
  /** Buyer messages not yet read when the console opens. */
  unread: z.number().int().nonnegative(),
  /** Every concern raised in the past messages and the script. */
  concerns: z.array(DemoConcernSchema),
  messages: z.array(DemoMessageSchema),
  script: z.array(DemoScriptedMessageSchema),
});
export type DemoConversation = z.infer<typeof DemoConversationSchema>;

export const DemoConversationsFileSchema = z.object({
  version: z.literal(1),
  asOf: z.string(),
  shop: z.object({ id: z.string(), name: z.string(), agentNick: z.string() }),
  conversations: z.array(DemoConversationSchema),
});
export type DemoConversationsFile = z.infer<typeof DemoConversationsFileSchema>;
