import { z } from 'zod';

/** Platforms a buyer or an order belongs to. Tmall shares Taobao's buyer accounts and exports. */
export const PlatformSchema = z.enum(['taobao', 'pinduoduo', 'douyin', 'jd', 'shopee', 'shopify', 'other']);
export type Platform = z.infer<typeof PlatformSchema>;
export const PLATFORMS = PlatformSchema.options;

/** Shop-local calendar date, `YYYY-MM-DD`. */
export const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** Shop-local wall-clock time, `YYYY-MM-DD HH:mm:ss` (exports carry no time zone; Shopify's offsets are converted). */
export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DD HH:mm:ss');
/** Money in cents (fen) as an integer, so sums are exact. */
export const CentsSchema = z.number().int();

/** Fields every stored record carries so records can later sync between agents. */
export const SyncFieldsSchema = z.object({
  /** Epoch milliseconds of the last change. */
  updatedAt: z.number().int().nonnegative(),
  /** Epoch milliseconds of the soft delete; absent while the record is live. */
  deletedAt: z.number().int().nonnegative().optional(),
});

export const LocaleSchema = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;
/**
 * Languages a reply to a buyer can be written in: the Chinese and English of the locales, and the
 * languages of Shopee's Southeast Asian buyers: Thai, Vietnamese, and Malay/Indonesian (one
 * variant, `ms`: the two are mutually intelligible and a chat rarely tells them apart).
 */
export const BuyerLanguageSchema = z.enum(['zh-CN', 'zh-TW', 'en', 'th', 'vi', 'ms']);
export type BuyerLanguage = z.infer<typeof BuyerLanguageSchema>;
/** Languages the extension's own UI is offered in. */
export const UiLocaleSchema = z.enum(['zh-CN', 'en']);
export type UiLocale = z.infer<typeof UiLocaleSchema>;
