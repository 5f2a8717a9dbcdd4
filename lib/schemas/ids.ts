import { z } from 'zod';
import { PlatformSchema } from './common';

/**
 * The three identifiers a buyer goes by on the walk from a console to the database, named apart so
 * one cannot be passed for another:
 *
 * - {@link ConsoleBuyerId}: what the console page shows as the buyer's id (`ConsoleBuyer.id`), absent
 *   on consoles that show only a nick. Never a storage key.
 * - {@link BuyerKey}: the platform's key of a stored buyer (`BuyerRecord.buyerKey`: the imported
 *   buyer id, else the nick), unique within one platform.
 * - {@link BuyerId}: the record id, `${platform}:${buyerKey}` (lib/schemas/buyer.ts `buyerId`), under
 *   which a buyer's notes, tags, concerns, reminders, birthday and contact log are filed.
 *
 * The background turns the first into the third (lib/db/console-buyer.ts consoleBuyerRef); the
 * sidebar receives the third in its view and files what the agent writes under it.
 */
export const ConsoleBuyerIdSchema = z.string().min(1).max(300);
export type ConsoleBuyerId = z.infer<typeof ConsoleBuyerIdSchema>;
export const BuyerKeySchema = z.string().min(1).max(300);
export type BuyerKey = z.infer<typeof BuyerKeySchema>;
export const BuyerIdSchema = z.string().min(1).max(400);
export type BuyerId = z.infer<typeof BuyerIdSchema>;

/** The buyer of the open conversation as the console shows it. */
export const ConsoleBuyerSchema = z.object({
  id: ConsoleBuyerIdSchema.nullable(),
  nick: z.string().max(300),
  platform: PlatformSchema,
});
export type ConsoleBuyer = z.infer<typeof ConsoleBuyerSchema>;

/** The same conversation's buyer: the console shows the same id and nick on the same platform. */
export function sameConsoleBuyer(a: ConsoleBuyer | null | undefined, b: ConsoleBuyer | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.platform === b.platform && a.id === b.id && a.nick === b.nick;
}
