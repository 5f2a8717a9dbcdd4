import { z } from 'zod';
import { DEFAULT_PROFILE_SETTINGS, ProfileSettingsSchema } from '../metrics/profile';
import { oncePerKey } from '../dates/once-per-key';
import { UiLocaleSchema } from '../schemas/common';

/** Which segment model the sidebar shows as "segment". */
export const SegmentViewSchema = z.enum(['rfm8', 'rfm', 'layers']);
export type SegmentView = z.infer<typeof SegmentViewSchema>;

/** Shop-wide settings, stored under the key `app`. Every field has a default, so an old record still parses. */
export const AppSettingsSchema = z.object({
  uiLocale: UiLocaleSchema.default('zh-CN'),
  agentName: z.string().trim().min(1).max(40).default('客服'),
  shopName: z.string().trim().min(1).max(60).default('回头客小店'),
  /** IANA zone of the shop: order times are shop-local, "today" is the shop's today. */
  timeZone: z.string().min(1).max(60).default('Asia/Shanghai'),
  segmentView: SegmentViewSchema.default('rfm8'),
  /** Save detected concerns without the agent's click. */
  autoSaveConcerns: z.boolean().default(false),
  /** Keep buyers' phone numbers and addresses from imports (off: they are dropped while parsing). */
  storeContact: z.boolean().default(false),
  /** Shop anniversary as MM-DD, for the anniversary coupon. */
  shopAnniversary: z.string().regex(/^\d{2}-\d{2}$/).nullable().default(null),
  profile: ProfileSettingsSchema.default(() => structuredClone(DEFAULT_PROFILE_SETTINGS)),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;
export const DEFAULT_APP_SETTINGS: AppSettings = AppSettingsSchema.parse({});

const dayFormat = oncePerKey((timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));

/** Today's date in a time zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: number): string {
  return dayFormat(timeZone).format(now);
}
