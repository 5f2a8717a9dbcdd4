import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { defaultTaxonomy } from '@/lib/concerns';
import { HuitoukeDb } from '@/lib/db/database';
import { PLAYBOOK_SETTINGS, seedPlaybook } from '@/lib/db/playbook';
import { MANAGED_STATE_KEY, readPlaybook } from '@/lib/db/playbook-edit';
import { MANAGED_PACK_KEY } from '@/lib/playbook/managed-schema';
import { buildPack, serializePack, type PlaybookPack } from '@/lib/playbook/pack';
import { db as sharedDb } from '@/lib/db/database';
import { MANAGED_PROBLEM_KEY, setupManagedPlaybook, syncManagedPlaybook } from './managed';

let db: HuitoukeDb;
let n = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new HuitoukeDb(`managed-sync-${++n}`);
  await seedPlaybook(db, 1);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'info').mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** The administrator's pack: one template, one coupon, and the concern taxonomy, all locked. */
async function headOfficePack(): Promise<PlaybookPack> {
  const mine = await readPlaybook(db);
  const template = { ...mine.templates[0]!, id: 'hq.size', title: '总部尺码话术', shortcut: '/hqsize' };
  const coupon = { ...mine.coupons[0]!, id: 'hq.coupon', name: '总部券' };
  const taxonomy = { ...defaultTaxonomy(), minScore: 0.77 };
  return buildPack(
    { templates: [template], coupons: [coupon], couponRules: [], taxonomy, reminderRules: null, contactPolicy: null },
    { name: '总部', exportedBy: 'IT', now: 5 },
  );
}

async function setPolicy(pack: PlaybookPack | null): Promise<void> {
  if (pack) await fakeBrowser.storage.managed.set({ [MANAGED_PACK_KEY]: serializePack(pack) });
  else await fakeBrowser.storage.managed.remove(MANAGED_PACK_KEY);
}

async function hqTemplate() {
  return (await readPlaybook(db)).templates.find((t) => t.id === 'hq.size');
}

describe("the administrator's policy when it cannot be read", () => {
  it('keeps the locked templates when reading the policy fails, says so, and releases them only once the policy is really removed', async () => {
    await setPolicy(await headOfficePack());
    await syncManagedPlaybook(db);
    expect(await hqTemplate()).toMatchObject({ locked: true, title: '总部尺码话术' });

    const read = vi
      .spyOn(fakeBrowser.storage.managed, 'get')
      .mockRejectedValue(new Error('policy service unavailable'));
    await syncManagedPlaybook(db);
    const kept = await hqTemplate();
    expect(kept?.locked).toBe(true);
    expect(kept?.deletedAt).toBeUndefined();
    expect((await readPlaybook(db)).lockedSettings).toEqual(new Set(['taxonomy']));
    expect((await db.settings.get(MANAGED_PROBLEM_KEY))?.value).toMatchObject({
      problem: { kind: 'unreadable', reason: 'policy service unavailable' },
    });
    expect(console.warn).toHaveBeenCalled();

    read.mockRestore();
    await setPolicy(null);
    await syncManagedPlaybook(db);
    const released = await hqTemplate();
    expect(released?.deletedAt).toBeDefined();
    expect(released?.locked).toBeUndefined();
    expect((await readPlaybook(db)).managed).toBeNull();
    expect(await db.settings.get(MANAGED_PROBLEM_KEY)).toBeUndefined();
  });

  it('takes Firefox\'s "no managed storage manifest" as no policy', async () => {
    await setPolicy(await headOfficePack());
    await syncManagedPlaybook(db);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    await syncManagedPlaybook(db);
    expect((await hqTemplate())?.deletedAt).toBeDefined();
    expect(await db.settings.get(MANAGED_PROBLEM_KEY)).toBeUndefined();
  });

  it('keeps the locked templates when the policy holds something that is not a pack', async () => {
    await setPolicy(await headOfficePack());
    await syncManagedPlaybook(db);
    await fakeBrowser.storage.managed.set({ [MANAGED_PACK_KEY]: '{"format":"huitouke-playbook", oops' });
    await syncManagedPlaybook(db);
    expect(await hqTemplate()).toMatchObject({ locked: true });
    expect((await db.settings.get(MANAGED_PROBLEM_KEY))?.value).toMatchObject({ problem: { kind: 'notJson' } });
  });
});

describe("the administrator's policy against what is stored", () => {
  it('puts back a locked template that was changed or unlocked in storage, though the policy did not change', async () => {
    await setPolicy(await headOfficePack());
    await syncManagedPlaybook(db);
    const { locked: _locked, source: _source, ...applied } = (await hqTemplate())!;
    await db.templates.put({ ...applied, title: '被改过的' });
    await syncManagedPlaybook(db);
    expect(await hqTemplate()).toMatchObject({ title: '总部尺码话术', locked: true });
  });

  it('puts back what a restore of an older backup brought: an old coupon, a deleted template, another taxonomy', async () => {
    const pack = await headOfficePack();
    await setPolicy(pack);
    await syncManagedPlaybook(db);
    const state = (await db.settings.get(MANAGED_STATE_KEY))!;
    // A backup taken before (or on another profile) comes back: same record of what was applied,
    // different rows.
    const template = (await hqTemplate())!;
    await db.transaction('rw', [db.templates, db.coupons, db.settings], async () => {
      await db.templates.put({ ...template, deletedAt: 40 });
      await db.coupons.delete('hq.coupon');
      await db.settings.put({ key: PLAYBOOK_SETTINGS.taxonomy, value: defaultTaxonomy(), updatedAt: 40 });
      await db.settings.put(state);
    });
    await syncManagedPlaybook(db);
    const stored = await readPlaybook(db);
    expect(stored.templates.find((t) => t.id === 'hq.size')).toMatchObject({ locked: true, title: '总部尺码话术' });
    expect(stored.templates.find((t) => t.id === 'hq.size')?.deletedAt).toBeUndefined();
    expect(stored.coupons.find((c) => c.id === 'hq.coupon')).toMatchObject({ locked: true, name: '总部券' });
    expect(stored.taxonomy.minScore).toBe(0.77);
  });

  it("releases a locked row the policy does not have (restored from another browser's backup)", async () => {
    await setPolicy(await headOfficePack());
    await syncManagedPlaybook(db);
    const other = { ...(await hqTemplate())!, id: 'other.hq', shortcut: '/other' };
    await db.templates.put(other);
    await syncManagedPlaybook(db);
    const stray = (await readPlaybook(db)).templates.find((t) => t.id === 'other.hq');
    expect(stray?.locked).toBeUndefined();
    expect(stray?.deletedAt).toBeDefined();
    expect((await hqTemplate())?.locked).toBe(true);
  });

  it('writes nothing when the stored playbook already says what the policy says', async () => {
    await setPolicy(await headOfficePack());
    await syncManagedPlaybook(db);
    const before = await db.templates.get('hq.size');
    const versions = await db.templateVersions.count();
    // Agents using the template count usage on it; that is not a difference.
    await db.templates.update('hq.size', { usageCount: 3 });
    await syncManagedPlaybook(db);
    expect(await db.templates.get('hq.size')).toEqual({ ...before, usageCount: 3 });
    expect(await db.templateVersions.count()).toBe(versions);
  });
});

describe('the background at work', () => {
  it('puts a locked template back soon after a page changes it (a restore), without waiting for a restart', async () => {
    // The background's own database, as the service worker opens it.
    db = sharedDb();
    await seedPlaybook(db, 1);
    await setPolicy(await headOfficePack());
    setupManagedPlaybook();
    await vi.waitFor(async () => expect(await hqTemplate()).toMatchObject({ locked: true }), { timeout: 5000 });
    await db.templates.update('hq.size', { title: '恢复备份带回的旧内容' });
    await vi.waitFor(async () => expect((await hqTemplate())?.title).toBe('总部尺码话术'), {
      timeout: 5000,
      interval: 100,
    });
  });
});
