import { productAskedAbout } from '../concerns/product';
import { buyerId as makeBuyerId } from '../schemas/buyer';
import type { Platform, UiLocale } from '../schemas/common';
import type { ConsoleMessage, ConsoleOrder, ConsoleProduct } from '../schemas/messages';
import type { BuyerLookup } from '../schemas/sidebar-rpc';
import { withConsoleOrders } from '../templates';
import { recentConcerns, type DetectedConcern } from './concerns';
import type { ConversationFacts } from './suggest';

/** The open conversation as the console reads it. */
export interface ConsoleConversation {
  consoleId: string;
  buyer: { id: string | null; nick: string; platform: Platform };
  messages: readonly ConsoleMessage[];
  /** What the console's order panel shows now. */
  orders?: readonly ConsoleOrder[] | undefined;
  products?: readonly ConsoleProduct[] | undefined;
}

/**
 * The conversation as the suggestions see it: the buyer (imported or new), the orders (what the
 * console's order panel shows now wins over the import: a parcel it just shipped), the product
 * asked about, and the concerns of the buyer's latest messages, most recent first; with the names
 * of every concern detected, in the UI language.
 */
export function conversationFacts(
  state: ConsoleConversation,
  lookup: Pick<BuyerLookup, 'buyer' | 'profile' | 'orders'>,
  detected: readonly Pick<DetectedConcern, 'messageId' | 'concern'>[],
  nameOf: (id: string, locale: UiLocale) => string,
  locale: UiLocale,
): { facts: ConversationFacts; concernNames: Record<string, string> } {
  const { buyer, messages, consoleId, orders: panel, products } = state;
  const concernNames: Record<string, string> = {};
  for (const d of detected) concernNames[d.concern] = nameOf(d.concern, locale);
  return {
    facts: {
      buyerId: lookup.buyer?.id ?? makeBuyerId(buyer.platform, buyer.id ?? buyer.nick),
      target: { consoleId, platform: buyer.platform, id: buyer.id, nick: buyer.nick },
      nick: buyer.nick,
      platform: buyer.platform,
      profile: lookup.profile,
      orders: panel?.length ? withConsoleOrders(lookup.orders ?? [], panel) : lookup.orders,
      product: productAskedAbout(messages, products),
      messages,
      recentConcerns: recentConcerns(messages, detected),
    },
    concernNames,
  };
}
