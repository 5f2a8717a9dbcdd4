import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../concerns';
import { buildPack, diffPlaybook, mergePlaybook, packContents } from '../playbook';
import { HuitoukeDb } from './database';
import { loadTemplates, loadTaxonomy, seedPlaybook } from './playbook';
import {
  applyManagedPack,
  applyPlaybookWrites,
  deleteTemplate,
  PlaybookLockedError,
  readPlaybook,
  restoreTemplateVersion,
  saveSettingEdit,
  saveTemplateEdit,
  templateHistory,
} from './playbook-edit';

let db: HuitoukeDb;
let n = 0;
beforeEach(async () => {
  db = new HuitoukeDb(`playbook-edit-${++n}`);
  await seedPlaybook(db, 1);
});
afterEach(async () => {
  await db.delete();
});

describe('template versions', () => {
  it('keeps who changed what, and restores an old version as a new one', async () => {
    const [first] = (await readPlaybook(db)).templates;
    const v2 = await saveTemplateEdit(db, { ...first!, title: '新标题' }, '小王', 100);
    const v3 = await saveTemplateEdit(
      db,
      { ...v2, variants: { ...v2.variants, en: 'Hi {{buyer.nick}}' } },
      '小李',
      200,
    );
    expect([v2.version, v3.version]).toEqual([2, 3]);
    const history = await templateHistory(db, first!.id);
    expect(history.map((h) => [h.version, h.editedBy, h.changed])).toEqual([
      [3, '小李', ['variants.en']],
      [2, '小王', ['title']],
      [1, 'huitouke', []],
    ]);
    const back = await restoreTemplateVersion(db, first!.id, 1, '主管', 300);
    expect(back.version).toBe(4);
    expect(back.title).toBe(first!.title);
    expect(back.variants.en).toBe(first!.variants.en);
    expect((await templateHistory(db, first!.id))[0]).toMatchObject({
      version: 4,
      editedBy: '主管',
      note: 'restore:1',
    });
  });

  it('makes no version when nothing in the content changed, and keeps usage through edits', async () => {
    const [first] = (await readPlaybook(db)).templates;
    await db.templates.put({ ...first!, usageCount: 7, lastUsedAt: 55 });
    const same = await saveTemplateEdit(db, { ...first!, usageCount: 0 }, '小王', 100);
    expect(same.version).toBe(1);
    expect(await templateHistory(db, first!.id)).toEqual([]);
    const edited = await saveTemplateEdit(db, { ...first!, enabled: false }, '小王', 100);
    expect([edited.version, edited.usageCount, edited.lastUsedAt]).toEqual([2, 7, 55]);
  });
});

describe('locked playbooks from enterprise policy', () => {
  async function managedPack() {
    const mine = await readPlaybook(db);
    const t = { ...mine.templates[0]!, id: 'hq.size', title: '总部尺码话术', shortcut: '/hqsize' };
    return buildPack(
      {
        ...mine,
        templates: [t],
        coupons: [mine.coupons[0]!],
        couponRules: [],
        taxonomy: defaultTaxonomy(),
        reminderRules: null,
        contactPolicy: null,
        guardRules: null,
      },
      { name: '总部', exportedBy: 'IT', now: 5 },
    );
  }

  it('applies the pack as locked rows agents can use but nobody here can edit', async () => {
    const pack = await managedPack();
    expect((await applyManagedPack(db, pack, 10)).changed).toBe(true);
    expect((await applyManagedPack(db, pack, 11)).changed).toBe(false);
    const stored = await readPlaybook(db);
    const hq = stored.templates.find((t) => t.id === 'hq.size')!;
    expect(hq.locked).toBe(true);
    expect(stored.lockedSettings).toEqual(new Set(['taxonomy']));
    // The sidebar's read sees it as an ordinary template.
    expect((await loadTemplates(db)).some((t) => t.id === 'hq.size')).toBe(true);
    await expect(saveTemplateEdit(db, { ...hq, title: 'x' }, '坐席', 20)).rejects.toBeInstanceOf(PlaybookLockedError);
    await expect(deleteTemplate(db, 'hq.size', '坐席', 20)).rejects.toBeInstanceOf(PlaybookLockedError);
    await expect(saveSettingEdit(db, 'taxonomy', defaultTaxonomy(), 20)).rejects.toBeInstanceOf(PlaybookLockedError);
    await saveSettingEdit(db, 'reminderRules', stored.reminderRules, 20);
  });

  it('settles on a pack that lists a template twice: the second application writes nothing', async () => {
    const pack = await managedPack();
    const twice = { ...pack, templates: [pack.templates[0]!, { ...pack.templates[0]!, title: '总部尺码话术（新）' }] };
    expect((await applyManagedPack(db, twice, 10)).changed).toBe(true);
    expect(await applyManagedPack(db, twice, 11)).toEqual({ changed: false, drift: [] });
    expect((await readPlaybook(db)).templates.find((t) => t.id === 'hq.size')?.title).toBe('总部尺码话术（新）');
  });

  it('releases what a later policy drops, and everything when the policy is removed', async () => {
    const pack = await managedPack();
    await applyManagedPack(db, pack, 10);
    await applyManagedPack(db, { ...pack, templates: [], taxonomy: undefined }, 20);
    let stored = await readPlaybook(db);
    expect(stored.templates.find((t) => t.id === 'hq.size')?.deletedAt).toBe(20);
    expect(stored.lockedSettings.size).toBe(0);
    expect(stored.coupons.find((c) => c.id === pack.coupons[0]!.id)?.locked).toBe(true);
    await applyManagedPack(db, null, 30);
    stored = await readPlaybook(db);
    expect(stored.coupons.find((c) => c.id === pack.coupons[0]!.id)).toMatchObject({ deletedAt: 30 });
    expect(stored.coupons.find((c) => c.id === pack.coupons[0]!.id)?.locked).toBeUndefined();
    expect(stored.managed).toBeNull();
  });
});

describe('importing a pack into the database', () => {
  it('writes the chosen changes, with an import version for each template', async () => {
    const theirs = await readPlaybook(db);
    theirs.templates[0]!.title = '总部改的';
    theirs.taxonomy.concerns[0]!.weight = 3;
    const pack = buildPack(theirs, { name: 'p', exportedBy: 'x', now: 1 });
    const mine = await readPlaybook(db);
    const diff = diffPlaybook(mine, packContents(pack));
    const { writes } = mergePlaybook(mine, packContents(pack), diff, {}, { now: 50, editor: '主管' });
    await applyPlaybookWrites(db, writes, '主管', 50);
    const after = await readPlaybook(db);
    expect(after.templates.find((t) => t.id === theirs.templates[0]!.id)?.title).toBe('总部改的');
    expect((await loadTaxonomy(db)).concerns[0]!.weight).toBe(3);
    expect((await templateHistory(db, theirs.templates[0]!.id))[0]).toMatchObject({
      editedBy: '主管',
      note: 'import',
      changed: ['title'],
    });
    expect(diffPlaybook(after, packContents(pack)).items).toEqual([]);
  });
});
