import { z } from 'zod';
import { defaultTaxonomy, TaxonomySchema, type Taxonomy } from '../concerns';
import { ContactPolicySchema, DEFAULT_CONTACT_POLICY, type ContactPolicy } from '../contact';
import {
  CouponRuleSchema,
  CouponSchema,
  DEFAULT_COUPON_RULES,
  DEFAULT_COUPONS,
  type Coupon,
  type CouponRule,
} from '../coupons';
import { defaultGuardRules, GuardRulesSchema, type GuardRules } from '../guard/rules';
import { DEFAULT_REMINDER_RULES, ReminderRulesSchema, type ReminderRules } from '../reminders';
import { defaultTemplates, TemplateSchema, type Template } from '../templates';
import { SyncFieldsSchema } from '../schemas/common';
import type { HuitoukeDb } from './database';

/**
 * The retention playbook as stored: templates, coupons, coupon rules, and the settings that tune
 * concerns, reminders and contact caps. The sidebar (through the background), the popup and the
 * supervisor editors all read and write it through this module.
 *
 * Reading never repairs: a row or setting that no longer parses (hand-edited, from a newer
 * version) is skipped or replaced by the default for this read, and left as it is in storage.
 */

export const PLAYBOOK_SETTINGS = {
  taxonomy: 'taxonomy',
  reminderRules: 'reminderRules',
  contactPolicy: 'contactPolicy',
  guardRules: 'guardRules',
  /** Which tables were seeded once: a supervisor who hard-deletes every row is not re-seeded. */
  seeded: 'playbookSeeded',
} as const;

export const TemplateVersionSchema = SyncFieldsSchema.extend({
  /** `${templateId}@${version}` */
  id: z.string(),
  templateId: z.string(),
  version: z.number().int().min(1),
  template: TemplateSchema,
  editedBy: z.string(),
  editedAt: z.number().int(),
});
export type TemplateVersion = z.infer<typeof TemplateVersionSchema>;

const SeededSchema = z.object({ templates: z.boolean(), coupons: z.boolean(), couponRules: z.boolean() }).partial();

export interface SeedResult {
  templates: number;
  coupons: number;
  couponRules: number;
}

/**
 * Puts the default library, coupons and rules into empty tables (install, first run). A table
 * that holds anything — even soft-deleted rows — is a supervisor's and is left alone.
 */
export async function seedPlaybook(db: HuitoukeDb, now: number): Promise<SeedResult> {
  return db.transaction('rw', [db.templates, db.coupons, db.couponRules, db.settings], async () => {
    const flagRec = await db.settings.get(PLAYBOOK_SETTINGS.seeded);
    const flags = SeededSchema.safeParse(flagRec?.value);
    const seeded = flags.success ? flags.data : {};
    const result: SeedResult = { templates: 0, coupons: 0, couponRules: 0 };

    if (!seeded.templates && (await db.templates.count()) === 0) {
      const rows = defaultTemplates();
      await db.templates.bulkPut(rows);
      result.templates = rows.length;
    }
    if (!seeded.coupons && (await db.coupons.count()) === 0) {
      const rows = structuredClone(DEFAULT_COUPONS);
      await db.coupons.bulkPut(rows);
      result.coupons = rows.length;
    }
    if (!seeded.couponRules && (await db.couponRules.count()) === 0) {
      const rows = structuredClone(DEFAULT_COUPON_RULES);
      await db.couponRules.bulkPut(rows);
      result.couponRules = rows.length;
    }
    // Written once: a write here on every start-up would tell every open page the playbook changed.
    if (!(seeded.templates && seeded.coupons && seeded.couponRules)) {
      await db.settings.put({
        key: PLAYBOOK_SETTINGS.seeded,
        value: { templates: true, coupons: true, couponRules: true },
        updatedAt: now,
      });
    }
    return result;
  });
}

function liveRows<T extends { deletedAt?: number }>(rows: unknown[], schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success && parsed.data.deletedAt === undefined) out.push(parsed.data);
  }
  return out;
}

/** Live templates (valid, not soft-deleted), enabled or not; the default library when the table is empty. */
export async function loadTemplates(db: HuitoukeDb): Promise<Template[]> {
  const rows = await db.templates.toArray();
  if (rows.length === 0) return defaultTemplates();
  return liveRows(rows, TemplateSchema).sort((a, b) => a.folder.localeCompare(b.folder) || a.order - b.order);
}

export async function loadCoupons(db: HuitoukeDb): Promise<Coupon[]> {
  const rows = await db.coupons.toArray();
  if (rows.length === 0) return structuredClone(DEFAULT_COUPONS);
  return liveRows(rows, CouponSchema);
}

export async function loadCouponRules(db: HuitoukeDb): Promise<CouponRule[]> {
  const rows = await db.couponRules.toArray();
  if (rows.length === 0) return structuredClone(DEFAULT_COUPON_RULES);
  return liveRows(rows, CouponRuleSchema).sort((a, b) => b.priority - a.priority);
}

async function loadSetting<T>(db: HuitoukeDb, key: string, schema: z.ZodType<T>, fallback: () => T): Promise<T> {
  const rec = await db.settings.get(key);
  if (!rec) return fallback();
  const parsed = schema.safeParse(rec.value);
  return parsed.success ? parsed.data : fallback();
}

export function loadTaxonomy(db: HuitoukeDb): Promise<Taxonomy> {
  return loadSetting(db, PLAYBOOK_SETTINGS.taxonomy, TaxonomySchema, defaultTaxonomy);
}

export function loadReminderRules(db: HuitoukeDb): Promise<ReminderRules> {
  return loadSetting(db, PLAYBOOK_SETTINGS.reminderRules, ReminderRulesSchema, () =>
    structuredClone(DEFAULT_REMINDER_RULES),
  );
}

export function loadContactPolicy(db: HuitoukeDb): Promise<ContactPolicy> {
  return loadSetting(db, PLAYBOOK_SETTINGS.contactPolicy, ContactPolicySchema, () =>
    structuredClone(DEFAULT_CONTACT_POLICY),
  );
}

/** The send check's word lists, repeat check and platform limits (lib/guard/rules.ts). */
export function loadGuardRules(db: HuitoukeDb): Promise<GuardRules> {
  return loadSetting(db, PLAYBOOK_SETTINGS.guardRules, GuardRulesSchema, defaultGuardRules);
}

/** Usage count and last use, bumped when an agent inserts the template. Unknown ids are ignored. */
export async function recordTemplateUse(db: HuitoukeDb, templateId: string, now: number): Promise<void> {
  await db.transaction('rw', db.templates, async () => {
    const row = await db.templates.get(templateId);
    const parsed = TemplateSchema.safeParse(row);
    if (!parsed.success) return;
    const t = parsed.data;
    // updatedAt stays: usage is not an edit, and must not win a sync over a supervisor's change.
    await db.templates.put({ ...t, usageCount: t.usageCount + 1, lastUsedAt: now });
  });
}

/**
 * Saves a supervisor's template edit: the version goes up when the content changed, and the
 * previous content is kept in `templateVersions` so an edit can be looked at and undone.
 */
export async function saveTemplate(
  db: HuitoukeDb,
  template: Template,
  editedBy: string,
  now: number,
): Promise<Template> {
  const next = TemplateSchema.parse(template);
  return db.transaction('rw', [db.templates, db.templateVersions], async () => {
    const prevParsed = TemplateSchema.safeParse(await db.templates.get(next.id));
    const prev = prevParsed.success ? prevParsed.data : undefined;
    const version = prev ? Math.max(prev.version, next.version) + 1 : next.version;
    const saved: Template = { ...next, version, updatedAt: now, updatedBy: editedBy };
    if (prev) {
      const row: TemplateVersion = {
        id: `${prev.id}@${prev.version}`,
        templateId: prev.id,
        version: prev.version,
        template: prev,
        editedBy,
        editedAt: now,
        updatedAt: now,
      };
      await db.templateVersions.put(row);
    }
    await db.templates.put(saved);
    return saved;
  });
}

export async function loadTemplateVersions(db: HuitoukeDb, templateId: string): Promise<TemplateVersion[]> {
  const rows = await db.templateVersions.where('templateId').equals(templateId).toArray();
  return liveRows(rows, TemplateVersionSchema).sort((a, b) => b.version - a.version);
}

export async function saveCoupon(db: HuitoukeDb, coupon: Coupon, now: number): Promise<void> {
  await db.coupons.put({ ...CouponSchema.parse(coupon), updatedAt: now });
}

export async function saveCouponRule(db: HuitoukeDb, rule: CouponRule, now: number): Promise<void> {
  await db.couponRules.put({ ...CouponRuleSchema.parse(rule), updatedAt: now });
}

export async function saveTaxonomy(db: HuitoukeDb, taxonomy: Taxonomy, now: number): Promise<void> {
  await db.settings.put({ key: PLAYBOOK_SETTINGS.taxonomy, value: TaxonomySchema.parse(taxonomy), updatedAt: now });
}

export async function saveReminderRules(db: HuitoukeDb, rules: ReminderRules, now: number): Promise<void> {
  await db.settings.put({
    key: PLAYBOOK_SETTINGS.reminderRules,
    value: ReminderRulesSchema.parse(rules),
    updatedAt: now,
  });
}

export async function saveContactPolicy(db: HuitoukeDb, policy: ContactPolicy, now: number): Promise<void> {
  await db.settings.put({
    key: PLAYBOOK_SETTINGS.contactPolicy,
    value: ContactPolicySchema.parse(policy),
    updatedAt: now,
  });
}
