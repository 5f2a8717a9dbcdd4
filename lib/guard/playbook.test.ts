import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HuitoukeDb } from '../db/database';
import { loadGuardRules, seedPlaybook } from '../db/playbook';
import {
  applyManagedPack,
  applyPlaybookWrites,
  PlaybookLockedError,
  readPlaybook,
  saveSettingEdit,
} from '../db/playbook-edit';
import { buildPack, diffPlaybook, mergePlaybook, packContents, parsePack, serializePack } from '../playbook';
import { defaultGuardRules, type GuardRules } from './rules';

let db: HuitoukeDb;
let n = 0;
beforeEach(async () => {
  db = new HuitoukeDb(`guard-playbook-${++n}`);
  await seedPlaybook(db, 1);
});
afterEach(async () => {
  await db.delete();
});

const withWord = (word: string): GuardRules => {
  const rules = defaultGuardRules();
  rules.lists.find((l) => l.id === 'absolute')!.words.push(word);
  return rules;
};

describe('the send check in the playbook', () => {
  it('starts with the default lists and keeps what the supervisor saves', async () => {
    expect(await loadGuardRules(db)).toEqual(defaultGuardRules());
    await saveSettingEdit(db, 'guardRules', withWord('秒杀'), 10);
    expect((await loadGuardRules(db)).lists.find((l) => l.id === 'absolute')!.words).toContain('秒杀');
  });

  it('travels in a pack: exported, shown as a change, and taken on import', async () => {
    await saveSettingEdit(db, 'guardRules', withWord('秒杀'), 10);
    const pack = parsePack(
      serializePack(buildPack(await readPlaybook(db), { name: '总部', exportedBy: '主管', now: 20 })),
    );
    if (!pack.ok) throw new Error('pack did not parse');
    expect(pack.pack.guardRules?.lists.find((l) => l.id === 'absolute')!.words).toContain('秒杀');

    const other = new HuitoukeDb(`guard-playbook-other-${n}`);
    try {
      await seedPlaybook(other, 1);
      const mine = await readPlaybook(other);
      const diff = diffPlaybook(mine, packContents(pack.pack));
      expect(diff.items.filter((i) => i.kind === 'guardRules').map((i) => i.change)).toEqual(['change']);
      const { writes } = mergePlaybook(mine, packContents(pack.pack), diff, {}, { now: 30, editor: '主管' });
      await applyPlaybookWrites(other, writes, '主管', 30);
      expect((await loadGuardRules(other)).lists.find((l) => l.id === 'absolute')!.words).toContain('秒杀');
    } finally {
      await other.delete();
    }
  });

  it("is locked while the administrator's policy carries it", async () => {
    const pack = buildPack(
      { ...(await readPlaybook(db)), guardRules: withWord('特价王') },
      { name: '策略', exportedBy: 'admin', now: 5 },
    );
    await applyManagedPack(db, pack, 40);
    expect((await readPlaybook(db)).lockedSettings.has('guardRules')).toBe(true);
    await expect(saveSettingEdit(db, 'guardRules', defaultGuardRules(), 50)).rejects.toBeInstanceOf(
      PlaybookLockedError,
    );
    expect((await loadGuardRules(db)).lists.find((l) => l.id === 'absolute')!.words).toContain('特价王');
    // Changed in storage behind the policy's back: applying the policy again puts it back.
    await db.settings.put({ key: 'guardRules', value: defaultGuardRules(), updatedAt: 60 });
    expect((await applyManagedPack(db, pack, 70)).drift).toContain('setting:guardRules');
    expect((await loadGuardRules(db)).lists.find((l) => l.id === 'absolute')!.words).toContain('特价王');
  });

  it('falls back to the defaults for this read when the stored lists do not parse, and leaves them stored', async () => {
    await db.settings.put({ key: 'guardRules', value: { version: 1, lists: 'broken' }, updatedAt: 1 });
    expect(await loadGuardRules(db)).toEqual(defaultGuardRules());
    expect((await db.settings.get('guardRules'))?.value).toEqual({ version: 1, lists: 'broken' });
  });
});
