import type { Platform } from '../schemas/common';

/**
 * What each platform's chat is held to before text goes in: message length, agent messages in a
 * row before the buyer answers, and how long after the buyer's last message a reply is allowed.
 *
 * THESE NUMBERS ARE THE PRODUCT'S DEFAULTS FOR A SUPERVISOR TO ADJUST (工作台 → 发送检查), NOT
 * VERIFIED PLATFORM RULES. They were chosen to keep an agent clear of what sellers report the
 * consoles refusing or penalising (Shopee's chat: about 600 characters, a reply window of a week,
 * a handful of messages in a row) and, for the Chinese consoles, only to catch a pasted wall of
 * text; none was checked against a platform's current terms, which change. The supervisor's values
 * are stored with the playbook (GuardRules.limits) and replace these per platform.
 *
 * Plain data without zod: the console's content script reads it too.
 */
export interface ChatLimits {
  /** Characters (code points: an emoji is one) a message may have. */
  maxChars?: number;
  /** Replies allowed only this many days after the buyer's last message. */
  replyWindowDays?: number;
  /** At most this many agent messages before the buyer answers. */
  maxInARow?: number;
}

export const DEFAULT_PLATFORM_LIMITS: Readonly<Partial<Record<Platform, ChatLimits>>> = {
  taobao: { maxChars: 1000 },
  pinduoduo: { maxChars: 1000 },
  douyin: { maxChars: 1000 },
  jd: { maxChars: 1000 },
  shopee: { maxChars: 600, replyWindowDays: 7, maxInARow: 5 },
};

/** The name of a platform in warnings (a product name, the same in every UI language). */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  taobao: '淘宝/天猫',
  pinduoduo: '拼多多',
  douyin: '抖音',
  jd: '京东',
  shopee: 'Shopee',
  shopify: 'Shopify',
  other: '',
};
