import { z } from 'zod';

/**
 * The product a buyer is asking about (issue 19): the last product card or link the conversation
 * shows at or before the buyer's message. Stored with the concern raised there, exported with it,
 * and named by `{{product.title}}` / `{{product.id}}` in templates.
 */
export const ConcernProductSchema = z.object({
  /** The platform's item id, when the card or link carries one. */
  id: z.string().max(200).nullable(),
  title: z.string().max(300),
  url: z.string().max(2000).optional(),
});
export type ConcernProduct = z.infer<typeof ConcernProductSchema>;

/** A product card as the console reports it (`ConsoleProductSchema`). */
interface CardLike {
  id: string | null;
  title: string;
  url?: string;
  messageId?: string;
}

/**
 * The product asked about in message `messageId`: the last card at or before that message, in the
 * conversation's order (`messages` and `products` oldest first). A card whose message is not among
 * `messages` (scrolled out, or the adapter does not say) counts as earlier. Without `messageId`, or
 * when the message is not found, the last card of all. Null when there is none, or it has no title
 * and no id.
 */
export function productAskedAbout(
  messages: readonly { id: string }[],
  products: readonly CardLike[] | undefined,
  messageId?: string,
): ConcernProduct | null {
  if (!products?.length) return null;
  const position = new Map(messages.map((m, i) => [m.id, i]));
  const at = messageId === undefined ? undefined : position.get(messageId);
  let found: CardLike | undefined;
  for (const p of products) {
    const pos = p.messageId === undefined ? undefined : position.get(p.messageId);
    if (at === undefined || pos === undefined || pos <= at) found = p;
  }
  if (!found || (!found.title.trim() && !found.id)) return null;
  return ConcernProductSchema.parse({
    id: found.id ? found.id.slice(0, 200) : null,
    title: found.title.trim().slice(0, 300),
    ...(found.url ? { url: found.url.slice(0, 2000) } : {}),
  });
}
