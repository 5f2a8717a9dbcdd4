import { z } from 'zod';
import { PlatformSchema, SyncFieldsSchema, type BuyerLanguage } from '../schemas/common';
import { StageIdSchema } from '../schemas/buyer';

/**
 * What a template is for. Contact caps treat kinds differently (unpaid reminders have their own
 * daily limit and quiet hours), so the kind is data, not a guess from the title.
 */
export const TemplateKindSchema = z.enum([
  'concern_answer',
  'thanks',
  'unpaid_reminder',
  'shipping',
  'delivery_checkin',
  'greeting',
  'reengage',
  'review_reply',
  'custom',
]);
export type TemplateKind = z.infer<typeof TemplateKindSchema>;

/** `/cm`: a slash, then letters, digits, `_` or `-`; typed in the chat box to insert the template. */
export const ShortcutSchema = z.string().regex(/^\/[a-z0-9_-]{1,24}$/, 'expected / followed by a-z, 0-9, _ or -');

const BodySchema = z.string().min(1).max(2000);

/** One body per buyer language; zh-CN is required so there is always something to fall back to. */
export const TemplateVariantsSchema = z.object({
  'zh-CN': BodySchema,
  'zh-TW': BodySchema.optional(),
  en: BodySchema.optional(),
  th: BodySchema.optional(),
  vi: BodySchema.optional(),
  ms: BodySchema.optional(),
});
export type TemplateVariants = z.infer<typeof TemplateVariantsSchema>;

/**
 * When a template fits a buyer. Every present field must hold (AND); a list holds when the buyer
 * matches any entry (OR). No conditions = generic.
 */
export const TemplateConditionsSchema = z.object({
  /** Concern ids (size, photo_match, …) the template answers. */
  concerns: z.array(z.string().min(1)).optional(),
  stages: z.array(StageIdSchema).optional(),
  /** Level ids or level names (`vip2`, `高级会员`). */
  levels: z.array(z.string().min(1)).optional(),
  /** RFM 8-class ids or layer ids. */
  segments: z.array(z.string().min(1)).optional(),
  platforms: z.array(PlatformSchema).optional(),
  /** true: the buyer has no paid order on record yet; false: at least one. */
  newBuyer: z.boolean().optional(),
});
export type TemplateConditions = z.infer<typeof TemplateConditionsSchema>;

export const TemplateSchema = SyncFieldsSchema.extend({
  /** Stable across edits and devices; built-in templates use `builtin.…`. */
  id: z.string().min(1).max(120),
  title: z.string().min(1).max(80),
  /** Folder path shown in the library, `/`-separated; '' = top level. */
  folder: z.string().max(120),
  shortcut: ShortcutSchema.optional(),
  variants: TemplateVariantsSchema,
  conditions: TemplateConditionsSchema,
  kind: TemplateKindSchema,
  /** Marketing messages count against the weekly marketing cap; service messages do not. */
  marketing: z.boolean(),
  enabled: z.boolean(),
  /** Manual position inside the folder (ascending); the last tie-breaker in ranking. */
  order: z.number().int(),
  /** Bumped on every content edit, so syncing can tell concurrent edits apart. */
  version: z.number().int().min(1),
  usageCount: z.number().int().nonnegative(),
  /** Uses by the rest of the team (synced `templateUsage` records of the other members); ranking adds it. */
  teamUsageCount: z.number().int().nonnegative().optional(),
  /** Epoch ms of the last insertion; null = never used (stale-template reports). */
  lastUsedAt: z.number().int().nonnegative().nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
});
export type Template = z.infer<typeof TemplateSchema>;

/** How often the shop used a template: this browser's uses and, when connected to a team, the others'. */
export function teamUsage(t: Pick<Template, 'usageCount' | 'teamUsageCount'>): number {
  return t.usageCount + (t.teamUsageCount ?? 0);
}

export const TEMPLATE_LOCALES: readonly BuyerLanguage[] = ['zh-CN', 'zh-TW', 'en', 'th', 'vi', 'ms'];
/** The languages every default template is written in; the others are the shop's to fill. */
export const CORE_TEMPLATE_LOCALES: readonly BuyerLanguage[] = ['zh-CN', 'zh-TW', 'en'];
