import { z } from 'zod';
import { DEFAULT_PROFILE_SETTINGS, ProfileSettingsSchema } from '../metrics/profile';
import { oncePerKey } from '../dates/once-per-key';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../reminders/time';
import { UiLocaleSchema } from '../schemas/common';

/** Which segment model the sidebar shows as "segment". */
export const SegmentViewSchema = z.enum(['rfm8', 'rfm', 'layers']);
export type SegmentView = z.infer<typeof SegmentViewSchema>;

/** Shop-wide settings, stored under the key `app`. Every field has a default, so an old record still parses. */
export const AppSettingsSchema = z.object({
  uiLocale: UiLocaleSchema.default('zh-CN'),
  agentName: z.string().trim().min(1).max(40).default('客服'),
  shopName: z.string().trim().min(1).max(60).default('回头客小店'),
  /**
   * IANA zone of the shop: order times are shop-local, "today" is the shop's today. Only a zone
   * this browser's Intl knows: an unknown one would throw wherever a date is computed.
   */
  timeZone: z.string().min(1).max(60).refine(isValidTimeZone, 'unknown time zone').default(DEFAULT_TIME_ZONE),
  segmentView: SegmentViewSchema.default('rfm8'),
  /** Save detected concerns without the agent's click. */
  autoSaveConcerns: z.boolean().default(false),
  /** Actionable follow-ups (unpaid orders, parcels, check-ins, chatting buyers) one agent is given a day, most valuable first. */
  followupsPerDay: z.number().int().min(1).max(500).default(30),
  /** Keep buyers' phone numbers and addresses from imports (off: they are dropped while parsing). */
  storeContact: z.boolean().default(false),
  /** Shop anniversary as MM-DD, for the anniversary coupon. */
  shopAnniversary: z
    .string()
    .regex(/^\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  profile: ProfileSettingsSchema.default(() => structuredClone(DEFAULT_PROFILE_SETTINGS)),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;
export const DEFAULT_APP_SETTINGS: AppSettings = AppSettingsSchema.parse({});

/** A stored setting that did not parse and was replaced by its default for reading. */
export interface SettingFallback {
  field: string;
  /** The stored value, as text (shown to the supervisor so they can see what was wrong). */
  stored: string;
}

export interface ReadSettings {
  settings: AppSettings;
  /** Empty when the stored record parsed as it is. */
  fallbacks: SettingFallback[];
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * Settings from a stored value that may not parse (hand-edited, written by a newer or older
 * version, a typo in a field this version now checks). Each top-level field that is wrong falls
 * back to its default and is reported; the others keep what was stored. Never throws.
 */
export function readAppSettings(stored: unknown): ReadSettings {
  if (stored === undefined || stored === null)
    return { settings: structuredClone(DEFAULT_APP_SETTINGS), fallbacks: [] };
  if (typeof stored !== 'object' || Array.isArray(stored))
    return { settings: structuredClone(DEFAULT_APP_SETTINGS), fallbacks: [{ field: '', stored: describe(stored) }] };
  const first = AppSettingsSchema.safeParse(stored);
  if (first.success) return { settings: first.data, fallbacks: [] };
  const value: Record<string, unknown> = { ...(stored as Record<string, unknown>) };
  const fallbacks: SettingFallback[] = [];
  for (const issue of first.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || !(field in value)) continue;
    fallbacks.push({ field, stored: describe(value[field]) });
    delete value[field];
  }
  const second = AppSettingsSchema.safeParse(value);
  if (second.success) return { settings: second.data, fallbacks };
  return { settings: structuredClone(DEFAULT_APP_SETTINGS), fallbacks: [{ field: '', stored: describe(stored) }] };
}

const dayFormat = oncePerKey(
  (timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
);

/**
 * Today's date in a time zone, `YYYY-MM-DD`. A zone Intl does not know (settings are checked, so
 * only a caller's mistake) is read as the default zone rather than throwing in the middle of a render.
 */
export function todayIn(timeZone: string, now: number): string {
  return dayFormat(isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE).format(now);
}
