import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY } from '../contact';
import { DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from '../coupons';
import { DEFAULT_REMINDER_RULES } from '../reminders';
import { defaultTemplates } from '../templates';
import { HuitoukeDb } from './database';
import {
  loadContactPolicy,
  loadCouponRules,
  loadCoupons,
  loadReminderRules,
  loadTaxonomy,
  loadTemplates,
  loadTemplateVersions,
  PLAYBOOK_SETTINGS,
  recordTemplateUse,
  saveReminderRules,
  saveTemplate,
  seedPlaybook,
} from './playbook';

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`playbook-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.UTC(2025, 4, 1, 2);

describe('seedPlaybook', () => {
  it('fills empty tables with the default library, coupons and rules', async () => {
    const r = await seedPlaybook(db, NOW);
    expect(r.templates).toBe(defaultTemplates().length);
    expect(await db.templates.count()).toBe(defaultTemplates().length);
    expect(await db.coupons.count()).toBe(DEFAULT_COUPONS.length);
    expect(await db.couponRules.count()).toBe(DEFAULT_COUPON_RULES.length);
  });

  it("never overwrites a supervisor's edit, and does not bring back deleted defaults", async () => {
    await seedPlaybook(db, NOW);
    const [first] = await loadTemplates(db);
    await saveTemplate(db, { ...first!, title: '改过的标题' }, 'boss', NOW + 1);
    await db.coupons.clear();
    const again = await seedPlaybook(db, NOW + 2);
    expect(again).toEqual({ templates: 0, coupons: 0, couponRules: 0 });
    expect((await db.templates.get(first!.id))?.title).toBe('改过的标题');
    expect(await db.coupons.count()).toBe(0);
  });
});

describe('loading', () => {
  it('returns defaults before anything is stored', async () => {
    expect((await loadTemplates(db)).length).toBe(defaultTemplates().length);
    expect(await loadCoupons(db)).toEqual(DEFAULT_COUPONS);
    expect((await loadCouponRules(db)).map((r) => r.id).sort()).toEqual(DEFAULT_COUPON_RULES.map((r) => r.id).sort());
    expect(await loadReminderRules(db)).toEqual(DEFAULT_REMINDER_RULES);
    expect(await loadContactPolicy(db)).toEqual(DEFAULT_CONTACT_POLICY);
    expect((await loadTaxonomy(db)).concerns.length).toBeGreaterThan(5);
  });

  it('skips rows that do not parse and soft-deleted rows, without touching them', async () => {
    await seedPlaybook(db, NOW);
    const all = await loadTemplates(db);
    const [a, b] = all;
    await db.templates.put({ ...a!, title: '' });
    await db.templates.put({ ...b!, deletedAt: NOW });
    const loaded = await loadTemplates(db);
    expect(loaded.map((t) => t.id)).not.toContain(a!.id);
    expect(loaded.map((t) => t.id)).not.toContain(b!.id);
    expect(loaded.length).toBe(all.length - 2);
    expect((await db.templates.get(a!.id))?.title).toBe('');
  });

  it('falls back to defaults for a broken setting and keeps the stored value', async () => {
    await db.settings.put({ key: PLAYBOOK_SETTINGS.reminderRules, value: { quietHours: 'no' }, updatedAt: NOW });
    expect(await loadReminderRules(db)).toEqual(DEFAULT_REMINDER_RULES);
    expect((await db.settings.get(PLAYBOOK_SETTINGS.reminderRules))?.value).toEqual({ quietHours: 'no' });
    const edited = { ...DEFAULT_REMINDER_RULES, quietHours: null };
    await saveReminderRules(db, edited, NOW);
    expect((await loadReminderRules(db)).quietHours).toBeNull();
  });
});

describe('template use and versions', () => {
  it('counts uses and remembers the last one', async () => {
    await seedPlaybook(db, NOW);
    const [t] = await loadTemplates(db);
    await recordTemplateUse(db, t!.id, NOW + 10);
    await recordTemplateUse(db, t!.id, NOW + 20);
    const after = await db.templates.get(t!.id);
    expect(after?.usageCount).toBe(2);
    expect(after?.lastUsedAt).toBe(NOW + 20);
    await recordTemplateUse(db, 'no-such-template', NOW);
  });

  it('keeps the previous content when a template is edited', async () => {
    await seedPlaybook(db, NOW);
    const [t] = await loadTemplates(db);
    const saved = await saveTemplate(db, { ...t!, title: '新标题' }, 'boss', NOW + 5);
    expect(saved.version).toBe(t!.version + 1);
    const versions = await loadTemplateVersions(db, t!.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.template.title).toBe(t!.title);
    expect(versions[0]!.id).toBe(`${t!.id}@${t!.version}`);
  });
});
