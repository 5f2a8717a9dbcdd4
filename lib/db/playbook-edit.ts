import type { Table } from 'dexie';
import { z } from 'zod';
import { ContactPolicySchema, type ContactPolicy } from '../contact/schema';
import { TaxonomySchema, type Taxonomy } from '../concerns/taxonomy';
import { CouponRuleSchema, CouponSchema, type Coupon, type CouponRule } from '../coupons/schema';
import { GuardRulesSchema, type GuardRules } from '../guard/rules';
import { isLocked } from '../playbook/diff';
import type { PlaybookWrites } from '../playbook/merge';
import { canonicalJson, Checksum } from '../playbook/canonical';
import {
  type LockableSetting,
  LOCKABLE_SETTINGS,
  lockedSettingsOf,
  policyDrift,
  strayLocked,
} from '../playbook/managed-sync';
import type { PlaybookContents, PlaybookPack } from '../playbook/pack';
import { sameTemplateContent, templateChanges } from '../playbook/template-edit';
import { ReminderRulesSchema, type ReminderRules } from '../reminders/schema';
import { TemplateSchema, type Template } from '../templates/schema';
import type { HuitoukeDb } from './database';
import {
  loadContactPolicy,
  loadGuardRules,
  loadReminderRules,
  loadTaxonomy,
  PLAYBOOK_SETTINGS,
  TemplateVersionSchema,
} from './playbook';

/**
 * The supervisor's writes to the playbook: every template edit becomes a version (who, when, what
 * changed), and nothing an administrator locked through enterprise policy can be changed here.
 * Reads for the editors keep the lock marks that the sidebar's reads drop.
 */

/** Marks on stored playbook rows; never part of a pack or of what the sidebar sees. */
export interface ManagedMarks {
  locked?: boolean;
  source?: 'managed';
}
export type Stored<T> = T & ManagedMarks;

export type { LockableSetting } from '../playbook/managed-sync';

/** A version row: the template as it was at `version`, who made that version and what it changed. */
export const VersionRowSchema = TemplateVersionSchema.extend({
  changed: z.array(z.string()).optional(),
  /** `restore:3`, `import`, `managed`, `created` — how the version came about. */
  note: z.string().optional(),
});
export type VersionRow = z.infer<typeof VersionRowSchema>;

/** What the administrator's policy last applied, kept so the next policy can undo what it dropped. */
export const ManagedStateSchema = z.object({
  name: z.string(),
  exportedAt: z.number(),
  appliedAt: z.number(),
  checksum: z.string(),
  lockedSettings: z.array(z.enum(['taxonomy', 'reminderRules', 'contactPolicy', 'guardRules'])),
  templates: z.array(z.string()),
  coupons: z.array(z.string()),
  couponRules: z.array(z.string()),
});
export type ManagedState = z.infer<typeof ManagedStateSchema>;
export const MANAGED_STATE_KEY = 'managedPlaybook';

export class PlaybookLockedError extends Error {
  constructor(what: string) {
    super(`${what} is locked by the administrator's policy`);
    this.name = 'PlaybookLockedError';
  }
}

function marks(row: unknown): ManagedMarks {
  const r = row as ManagedMarks | undefined;
  return r?.locked ? { locked: true, source: 'managed' } : {};
}

/** Rows that parse, soft-deleted ones included (history and version numbers need them), with their marks. */
function storedRows<T>(rows: unknown[], schema: z.ZodType<T>): Stored<T>[] {
  const out: Stored<T>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push({ ...parsed.data, ...marks(row) });
  }
  return out;
}

export async function loadManagedState(db: HuitoukeDb): Promise<ManagedState | null> {
  const parsed = ManagedStateSchema.safeParse((await db.settings.get(MANAGED_STATE_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

export async function lockedSettings(db: HuitoukeDb): Promise<Set<LockableSetting>> {
  return new Set((await loadManagedState(db))?.lockedSettings ?? []);
}

export interface StoredPlaybook extends PlaybookContents {
  templates: Stored<Template>[];
  coupons: Stored<Coupon>[];
  couponRules: Stored<CouponRule>[];
  taxonomy: Taxonomy;
  reminderRules: ReminderRules;
  contactPolicy: ContactPolicy;
  guardRules: GuardRules;
  lockedSettings: Set<LockableSetting>;
  managed: ManagedState | null;
}

/** Everything the editors show, soft-deleted rows included (filter on `deletedAt`). */
export async function readPlaybook(db: HuitoukeDb): Promise<StoredPlaybook> {
  const [templates, coupons, couponRules, taxonomy, reminderRules, contactPolicy, guardRules, managed] =
    await Promise.all([
      db.templates.toArray(),
      db.coupons.toArray(),
      db.couponRules.toArray(),
      loadTaxonomy(db),
      loadReminderRules(db),
      loadContactPolicy(db),
      loadGuardRules(db),
      loadManagedState(db),
    ]);
  return {
    templates: storedRows(templates, TemplateSchema).sort(
      (a, b) => a.folder.localeCompare(b.folder, 'zh-CN') || a.order - b.order,
    ),
    coupons: storedRows(coupons, CouponSchema),
    couponRules: storedRows(couponRules, CouponRuleSchema).sort((a, b) => b.priority - a.priority),
    taxonomy,
    reminderRules,
    contactPolicy,
    guardRules,
    lockedSettings: new Set(managed?.lockedSettings ?? []),
    managed,
  };
}

export async function templateHistory(db: HuitoukeDb, templateId: string): Promise<VersionRow[]> {
  const rows = await db.templateVersions.where('templateId').equals(templateId).toArray();
  return storedRows(rows, VersionRowSchema).sort((a, b) => b.version - a.version);
}

async function putVersion(
  db: HuitoukeDb,
  t: Template,
  editedBy: string,
  editedAt: number,
  changed: string[],
  note?: string,
) {
  const row: VersionRow = {
    id: `${t.id}@${t.version}`,
    templateId: t.id,
    version: t.version,
    template: t,
    editedBy,
    editedAt,
    updatedAt: editedAt,
    changed,
    ...(note ? { note } : {}),
  };
  await db.templateVersions.put(row);
}

export interface SaveOptions {
  note?: string;
  /** Internal: the administrator's policy writes locked rows. */
  managed?: boolean;
}

/**
 * Save a template as `editor`. A content change makes the next version; the version before it is
 * written to history first when history does not have it yet (built-in and seeded templates).
 * Saving identical content only stores non-content fields (order, usage), with no new version.
 */
export async function saveTemplateEdit(
  db: HuitoukeDb,
  input: Template,
  editor: string,
  now: number,
  opts: SaveOptions = {},
): Promise<Stored<Template>> {
  const next = TemplateSchema.parse(input);
  return db.transaction('rw', [db.templates, db.templateVersions], async () => {
    const raw = await db.templates.get(next.id);
    if (isLocked(raw) && !opts.managed) throw new PlaybookLockedError(`template ${next.id}`);
    const parsed = TemplateSchema.safeParse(raw);
    const prev = parsed.success ? parsed.data : null;
    const rowMarks: ManagedMarks = opts.managed ? { locked: true, source: 'managed' } : {};
    if (prev && prev.deletedAt === undefined && sameTemplateContent(prev, next)) {
      const same = { ...prev, order: next.order, ...rowMarks };
      await db.templates.put(same);
      return same;
    }
    if (prev && !(await db.templateVersions.get(`${prev.id}@${prev.version}`))) {
      await putVersion(db, prev, prev.updatedBy, prev.updatedAt, []);
    }
    const { deletedAt: _gone, ...live } = next;
    const saved: Stored<Template> = {
      ...live,
      version: prev ? Math.max(prev.version, next.version) + 1 : next.version,
      usageCount: prev?.usageCount ?? next.usageCount,
      lastUsedAt: prev?.lastUsedAt ?? next.lastUsedAt,
      createdBy: prev?.createdBy ?? next.createdBy,
      updatedBy: editor,
      updatedAt: now,
      ...rowMarks,
    };
    await putVersion(db, saved, editor, now, templateChanges(prev, saved), opts.note ?? (prev ? undefined : 'created'));
    await db.templates.put(saved);
    return saved;
  });
}

/** Bring back an older version's content as a new version (history is never rewritten). */
export async function restoreTemplateVersion(
  db: HuitoukeDb,
  templateId: string,
  version: number,
  editor: string,
  now: number,
): Promise<Stored<Template>> {
  const row = VersionRowSchema.parse(await db.templateVersions.get(`${templateId}@${version}`));
  const current = TemplateSchema.parse(await db.templates.get(templateId));
  return saveTemplateEdit(db, { ...row.template, order: current.order, version: current.version }, editor, now, {
    note: `restore:${version}`,
  });
}

export async function deleteTemplate(db: HuitoukeDb, id: string, editor: string, now: number): Promise<void> {
  await db.transaction('rw', db.templates, async () => {
    const raw = await db.templates.get(id);
    if (!raw) return;
    if (isLocked(raw)) throw new PlaybookLockedError(`template ${id}`);
    await db.templates.put({ ...raw, deletedAt: now, updatedAt: now, updatedBy: editor });
  });
}

/** Store new positions (from `moveInFolder`); reordering is layout, not a new version. */
export async function saveTemplateOrder(db: HuitoukeDb, moved: readonly Template[], now: number): Promise<void> {
  await db.transaction('rw', db.templates, async () => {
    for (const t of moved) {
      const raw = await db.templates.get(t.id);
      if (raw) await db.templates.put({ ...raw, order: t.order, updatedAt: now });
    }
  });
}

async function refuseLockedRow(table: HuitoukeDb['coupons'] | HuitoukeDb['couponRules'], id: string, what: string) {
  if (isLocked(await table.get(id))) throw new PlaybookLockedError(`${what} ${id}`);
}

export async function saveCouponEdit(db: HuitoukeDb, coupon: Coupon, now: number): Promise<void> {
  const parsed = CouponSchema.parse(coupon);
  await db.transaction('rw', db.coupons, async () => {
    await refuseLockedRow(db.coupons, parsed.id, 'coupon');
    await db.coupons.put({ ...parsed, updatedAt: now });
  });
}

export async function saveCouponRuleEdit(db: HuitoukeDb, rule: CouponRule, now: number): Promise<void> {
  const parsed = CouponRuleSchema.parse(rule);
  await db.transaction('rw', db.couponRules, async () => {
    await refuseLockedRow(db.couponRules, parsed.id, 'coupon rule');
    await db.couponRules.put({ ...parsed, updatedAt: now });
  });
}

export async function deleteCoupon(db: HuitoukeDb, id: string, now: number): Promise<void> {
  await db.transaction('rw', db.coupons, async () => {
    await refuseLockedRow(db.coupons, id, 'coupon');
    await db.coupons.update(id, { deletedAt: now, updatedAt: now });
  });
}

export async function deleteCouponRule(db: HuitoukeDb, id: string, now: number): Promise<void> {
  await db.transaction('rw', db.couponRules, async () => {
    await refuseLockedRow(db.couponRules, id, 'coupon rule');
    await db.couponRules.update(id, { deletedAt: now, updatedAt: now });
  });
}

const SETTING_SCHEMAS = {
  taxonomy: TaxonomySchema,
  reminderRules: ReminderRulesSchema,
  contactPolicy: ContactPolicySchema,
  guardRules: GuardRulesSchema,
} as const;

/** The value of a setting the settings pages edit. */
export type SettingValue<K extends LockableSetting> = K extends 'taxonomy'
  ? Taxonomy
  : K extends 'reminderRules'
    ? ReminderRules
    : K extends 'guardRules'
      ? GuardRules
      : ContactPolicy;

/** Checks a draft of a setting as its save will: the parsed value, or zod's issues. */
export function checkSettingDraft<K extends LockableSetting>(
  key: K,
  draft: unknown,
): { ok: true; value: SettingValue<K> } | { ok: false; issues: readonly object[] } {
  const parsed = SETTING_SCHEMAS[key].safeParse(draft);
  return parsed.success
    ? { ok: true, value: parsed.data as SettingValue<K> }
    : { ok: false, issues: parsed.error.issues };
}

/** Save the taxonomy, reminder rules, contact policy or send check, unless the administrator locked it. */
export async function saveSettingEdit<K extends LockableSetting>(
  db: HuitoukeDb,
  key: K,
  value: SettingValue<K>,
  now: number,
  opts: { managed?: boolean } = {},
): Promise<void> {
  const parsed: unknown = SETTING_SCHEMAS[key].parse(value);
  await db.transaction('rw', db.settings, async () => {
    if (!opts.managed && (await lockedSettings(db)).has(key)) throw new PlaybookLockedError(key);
    await db.settings.put({ key: PLAYBOOK_SETTINGS[key], value: parsed, updatedAt: now });
  });
}

/**
 * Apply a pack import (from `mergePlaybook`) in one transaction: all of it or, on any error,
 * none of it. Every template taken becomes a version noted `import`.
 */
export async function applyPlaybookWrites(
  db: HuitoukeDb,
  writes: PlaybookWrites,
  editor: string,
  now: number,
): Promise<void> {
  await db.transaction('rw', [db.templates, db.templateVersions, db.coupons, db.couponRules, db.settings], async () => {
    for (const t of writes.templates.put) await saveTemplateEdit(db, t, editor, now, { note: 'import' });
    for (const id of writes.templates.remove) await deleteTemplate(db, id, editor, now);
    for (const c of writes.coupons.put) await saveCouponEdit(db, c, now);
    for (const id of writes.coupons.remove) await deleteCoupon(db, id, now);
    for (const r of writes.couponRules.put) await saveCouponRuleEdit(db, r, now);
    for (const id of writes.couponRules.remove) await deleteCouponRule(db, id, now);
    if (writes.taxonomy) await saveSettingEdit(db, 'taxonomy', writes.taxonomy, now);
    if (writes.reminderRules) await saveSettingEdit(db, 'reminderRules', writes.reminderRules, now);
    if (writes.contactPolicy) await saveSettingEdit(db, 'contactPolicy', writes.contactPolicy, now);
    if (writes.guardRules) await saveSettingEdit(db, 'guardRules', writes.guardRules, now);
  });
}

function unmarked<T extends object>(row: T): T {
  const { locked: _l, source: _s, ...rest } = row as T & ManagedMarks;
  return rest as T;
}

/**
 * Apply the administrator's pack (enterprise policy) as locked rows and locked settings, or
 * release everything when the policy is gone (`null`). What an earlier policy brought and this
 * one drops is deleted (it was never this profile's), and so is any other locked row the policy
 * does not have (a restore from another browser). The stored rows are compared with the pack
 * itself, so a locked row changed in storage or by a restore is put back; when nothing differs,
 * nothing is written. `drift` says what differed (`template:id`, `setting:taxonomy`, …).
 */
export async function applyManagedPack(
  db: HuitoukeDb,
  pack: PlaybookPack | null,
  now: number,
): Promise<{ changed: boolean; drift: string[] }> {
  const checksum = pack ? new Checksum().update(canonicalJson({ ...pack, exportedAt: 0 })).digest() : '';
  const author = pack?.exportedBy || 'admin';
  return db.transaction(
    'rw',
    [db.templates, db.templateVersions, db.coupons, db.couponRules, db.settings],
    async () => {
      const prev = await loadManagedState(db);
      const [templates, coupons, couponRules, ...settingValues] = await Promise.all([
        db.templates.toArray(),
        db.coupons.toArray(),
        db.couponRules.toArray(),
        ...LOCKABLE_SETTINGS.map(async (key) => (await db.settings.get(PLAYBOOK_SETTINGS[key]))?.value),
      ]);
      const settings = Object.fromEntries(LOCKABLE_SETTINGS.map((key, i) => [key, settingValues[i]]));
      const drift = policyDrift(pack, { templates, coupons, couponRules, settings, applied: prev }, checksum);
      if (drift.length === 0) return { changed: false, drift };

      const release = async <T extends object>(table: Table<T, string>, ids: Iterable<string>, keep: string[]) => {
        for (const id of ids) {
          if (keep.includes(id)) continue;
          const raw = await table.get(id);
          if (raw) await table.put({ ...unmarked(raw), deletedAt: now, updatedAt: now });
        }
      };
      const dropped = <T extends object>(
        listed: string[] | undefined,
        rows: T[],
        kind: 'template' | 'coupon' | 'couponRule',
      ) => new Set([...(listed ?? []), ...strayLocked(pack, rows, kind)]);
      await release(
        db.templates,
        dropped(prev?.templates, templates, 'template'),
        pack?.templates.map((t) => t.id) ?? [],
      );
      await release(db.coupons, dropped(prev?.coupons, coupons, 'coupon'), pack?.coupons.map((c) => c.id) ?? []);
      await release(
        db.couponRules,
        dropped(prev?.couponRules, couponRules, 'couponRule'),
        pack?.couponRules.map((r) => r.id) ?? [],
      );
      if (!pack) {
        await db.settings.delete(MANAGED_STATE_KEY);
        return { changed: true, drift };
      }
      const locked: ManagedMarks = { locked: true, source: 'managed' };
      for (const t of pack.templates) await saveTemplateEdit(db, t, author, now, { managed: true, note: 'managed' });
      for (const c of pack.coupons) await db.coupons.put({ ...c, updatedAt: now, ...locked });
      for (const r of pack.couponRules) await db.couponRules.put({ ...r, updatedAt: now, ...locked });
      const lockedKeys = lockedSettingsOf(pack);
      for (const key of lockedKeys)
        await db.settings.put({ key: PLAYBOOK_SETTINGS[key], value: pack[key], updatedAt: now });
      const state: ManagedState = {
        name: pack.name,
        exportedAt: pack.exportedAt,
        appliedAt: now,
        checksum,
        lockedSettings: lockedKeys,
        templates: pack.templates.map((t) => t.id),
        coupons: pack.coupons.map((c) => c.id),
        couponRules: pack.couponRules.map((r) => r.id),
      };
      await db.settings.put({ key: MANAGED_STATE_KEY, value: state, updatedAt: now });
      return { changed: true, drift };
    },
  );
}
