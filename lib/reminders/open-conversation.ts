import type { Platform } from '../schemas/common';

/** A console tab and the conversation it shows (the content script's reading). */
export interface OpenConversation {
  tabId: number;
  buyer: { id: string | null; nick: string; platform: Platform };
}

/**
 * The console tab showing this buyer's conversation, for a reminder's notification: the buyer id
 * is `${platform}:${buyerKey}`, and consoles show the key as the buyer's id or, where they show no
 * id (Taobao's member name is the nick), as the nick. A match by id wins over one by nick; the
 * lowest tab id wins a tie, so the choice is stable. Null when no open tab shows the buyer.
 */
export function conversationTabFor(buyerId: string, open: readonly OpenConversation[]): number | null {
  const byId: number[] = [];
  const byNick: number[] = [];
  for (const c of open) {
    const { platform, id, nick } = c.buyer;
    if (id !== null && `${platform}:${id}` === buyerId) byId.push(c.tabId);
    else if (nick && `${platform}:${nick}` === buyerId) byNick.push(c.tabId);
  }
  const pick = byId.length ? byId : byNick;
  return pick.length ? Math.min(...pick) : null;
}
