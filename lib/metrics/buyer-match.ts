import type { Platform } from '../schemas/common';

/**
 * How the console's buyer was found. `id`: by something that names one buyer (the console's buyer
 * id, or a nick that is the platform's account name, as on Taobao). `nickname`: by a display name
 * several buyers may share (Douyin's exports name buyers by 买家昵称; an alias such as Shopify's
 * billing name); `sameNick` then counts the stored buyers of the platform that carry it (the one
 * shown included), so the sidebar can ask the agent to check the order when there are several.
 */
export interface BuyerMatch {
  by: 'id' | 'nickname';
  sameNick: number;
}

/** Platforms whose exports key buyers by their display nickname, which is not unique. */
const KEYED_BY_NICKNAME: ReadonlySet<Platform> = new Set(['douyin']);
/** Platforms whose consoles show the buyer's account name, the key of their exports. */
const NICK_IS_ACCOUNT: ReadonlySet<Platform> = new Set(['taobao', 'jd', 'shopee', 'shopify']);

/** What a match through the console's id, the nick as a key, or the nick as an alias is worth. */
export function matchKind(platform: Platform, via: 'id' | 'key' | 'alias'): BuyerMatch['by'] {
  if (via === 'alias' || KEYED_BY_NICKNAME.has(platform)) return 'nickname';
  return via === 'id' || NICK_IS_ACCOUNT.has(platform) ? 'id' : 'nickname';
}
