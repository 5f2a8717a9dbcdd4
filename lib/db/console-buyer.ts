import type { BuyerMatch } from '../metrics/buyer-match';
import { buyerId } from '../schemas/buyer';
import type { Platform } from '../schemas/common';
import { findBuyer } from './buyers';
import { buyerWithConsole } from './order-links';
import type { HuitoukeDb } from './database';
import type { BuyerRecord } from './records';

/**
 * The buyer a console shows, as everything the console teaches is filed (issue 19): the imported
 * buyer the sidebar shows when there is one (its key), else the console's buyer id, else the nick.
 * Order → buyer links, live orders and the 催付/shipping reminders of the order panel are all filed
 * under `buyerId`, and the sidebar reads them there: one rule, so they always meet.
 */
export interface ConsoleBuyerRef {
  platform: Platform;
  /** The key: the imported buyer's, else the console's id, else the nick. */
  buyerKey: string;
  /** `${platform}:${buyerKey}`, the id links, live orders and reminders are filed under. */
  buyerId: string;
  nick: string;
  /** The imported buyer, when the console's buyer is in the data, and how it was matched. */
  imported?: { record: BuyerRecord; match: BuyerMatch };
}

/**
 * Undefined when the console shows neither an id nor a nick. A buyer record the console itself made
 * (every order linked or live, lib/db/console-linked.ts) is this buyer's only under its own key: it is
 * never `imported`, and a console showing another id with the same nick does not get it.
 */
export async function consoleBuyerRef(
  db: HuitoukeDb,
  platform: Platform,
  buyer: { id: string | null; nick: string },
): Promise<ConsoleBuyerRef | undefined> {
  let imported = await findBuyer(db, platform, buyer.id || null, buyer.nick);
  let buyerKey = buyer.id || buyer.nick;
  if (imported) {
    const { record } = imported;
    const taught = await buyerWithConsole(db, { platform, buyerKey: record.buyerKey, nick: record.nick, record });
    // Its key is the console's id (or the nick where the console shows none): the same buyer only then.
    if (taught?.consoleMade) imported = undefined;
    else buyerKey = record.buyerKey;
  }
  if (!buyerKey) return undefined;
  return {
    platform,
    buyerKey,
    buyerId: buyerId(platform, buyerKey),
    nick: buyer.nick,
    ...(imported ? { imported } : {}),
  };
}
