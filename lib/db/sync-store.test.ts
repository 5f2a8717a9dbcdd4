import { afterEach, describe, expect, it } from 'vitest';
import { backupChunks, checkBackup, restoreBackup } from './backup';
import { sourceFromBytes } from '../import/source';
import { SyncEngine } from '../sync/engine';
import { BUYER, concern, note, reminder, template } from '../sync/fixtures.test-helper';
import { MemorySyncServer } from '../sync/memory-server';
import type { Role } from '../sync/protocol';
import { addNote, setTag } from './annotations';
import { HuitoukeDb } from './database';
import { CUSTOM_CONSOLES_KEY } from '../consoles/stored';
import { consoleSource, TAUGHT_CONSOLES_KEY } from './sync-sources';
import { DexieSyncStore, localChangeOf, syncRound, SyncDb, touchesRecords, touchesSyncedTables } from './sync-store';
import { loadContactPolicy, loadGuardRules, loadReminderRules, loadTaxonomy, recordTemplateUse } from './playbook';
import { saveSettingEdit } from './playbook-edit';
import { loadAppSettings, saveAppSettings } from './settings';
import { saveShopAnniversary } from './shop-anniversary';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { defaultTaxonomy } from '../concerns';
import { DEFAULT_CONTACT_POLICY } from '../contact';
import { defaultGuardRules } from '../guard/rules';
import { setReminderOwner } from './reminder-owner';
import { actOnReminder } from './reminders';
import { defaultTemplates } from '../templates';
import { teamUsage } from '../templates/schema';
import { clearBirthday, getBirthday, saveBirthday } from './birthdays';
import { DEFAULT_REMINDER_RULES } from '../reminders/schema';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { buyerWithConsole, recordConsoleOrders } from './order-links';

const DAY = 86_400_000;
let n = 0;
let ids = 0;
const newChangeId = () => `chg-${(++ids).toString(36).padStart(8, '0')}`;
const opened: Dexie[] = [];
type Dexie = HuitoukeDb | SyncDb;

afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** One browser: its records' database, its sync database, the engine over them. */
function browser(
  server: MemorySyncServer,
  memberId: string,
  role: Role = 'agent',
  dbs?: { records: HuitoukeDb; sync: SyncDb },
) {
  const records = dbs?.records ?? new HuitoukeDb(`sync-store-test-${++n}`);
  const sync = dbs?.sync ?? new SyncDb(`sync-store-test-sync-${n}`);
  if (!dbs) opened.push(records, sync);
  const store = new DexieSyncStore(records, sync);
  store.role = role;
  store.memberId = memberId;
  const engine = new SyncEngine({ transport: server.transport(memberId, role), store, newChangeId });
  /** What the background does after a write or a live event: note local changes, then sync. */
  const tick = () => syncRound(store, engine, role);
  return { records, sync, store, engine, tick };
}

describe('DexieSyncStore', () => {
  it('a note, a tag and a concern written in one browser reach another; a deletion follows', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await addNote(a.records, BUYER, '要165的', '小王', now);
    await setTag(a.records, BUYER, '老客', true, '小王', now);
    await a.records.concerns.put(concern('msg1', now));
    expect(await a.tick()).toMatchObject({ status: 'idle', pushed: 3 });
    expect(await b.tick()).toMatchObject({ status: 'idle', pulled: 3 });
    expect((await b.records.notes.toArray()).map((x) => x.text)).toEqual(['要165的']);
    expect((await b.records.concerns.toArray()).map((c) => [c.concern, c.agent])).toEqual([['size', '小王']]);

    await setTag(b.records, BUYER, '老客', false, '小李', now + 1000);
    await b.tick();
    await a.tick();
    expect((await a.records.tags.get(`${BUYER}|老客`))?.deletedAt).toBe(now + 1000);
    // Nothing more to say on either side.
    expect(await a.tick()).toMatchObject({ pushed: 0 });
    expect(await b.tick()).toMatchObject({ pushed: 0 });
  });

  it('a day offline: notes and tags made meanwhile are pushed once on reconnect, also after the worker restarts', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const start = Date.now() - DAY;
    await addNote(a.records, BUYER, 'before', '小王', start);
    await a.tick();
    server.failure = 'offline';
    for (let i = 1; i <= 4; i++) {
      await addNote(a.records, BUYER, `离线笔记 ${i}`, '小王', start + i * 3_600_000);
      await setTag(a.records, BUYER, `标签${i}`, true, '小王', start + i * 3_600_000);
      expect((await a.tick()).status).toBe('offline');
    }
    // The service worker stops: a new store and engine over the same databases find the outbox.
    const again = browser(server, 'm-a', 'agent', { records: a.records, sync: a.sync });
    server.failure = null;
    expect(await again.tick()).toMatchObject({ status: 'idle' });
    expect(server.count('note')).toBe(5);
    expect(server.count('tag')).toBe(4);
    expect(await again.tick()).toMatchObject({ pushed: 0 });
    await b.tick();
    expect(await b.records.notes.count()).toBe(5);
    expect(await b.records.tags.count()).toBe(4);
  });

  it('two agents editing different fields of one concern both keep theirs', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await a.records.concerns.put(concern('msg1', now));
    await a.tick();
    await b.tick();
    const id = concern('msg1', now).id;
    await a.records.concerns.update(id, { quote: '我165斤穿什么码', updatedAt: now + 1 });
    await b.records.concerns.update(id, { resolved: true, resolvedBy: '小李', updatedAt: now + 2 });
    await a.tick();
    await b.tick();
    await a.tick();
    for (const side of [a, b])
      expect(await side.records.concerns.get(id)).toMatchObject({
        quote: '我165斤穿什么码',
        resolved: true,
        resolvedBy: '小李',
      });
  });

  it('a pull does not overwrite a local edit the scan has not noted yet', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await a.records.notes.put(note('n1', 'first', now));
    await a.tick();
    await b.tick();
    await b.records.notes.update('n1', { text: 'b wrote this', updatedAt: now + 5 });
    await b.tick();
    // A edits, and a pull runs before any scan.
    await a.records.notes.update('n1', { createdAt: now - 1, updatedAt: now + 6 });
    await a.engine.sync();
    expect(await a.records.notes.get('n1')).toMatchObject({ text: 'b wrote this', createdAt: now - 1 });
    await a.tick();
    expect(server.get('note', 'n1')).toMatchObject({ text: 'b wrote this', createdAt: now - 1 });
  });

  it("an agent's playbook is the supervisor's: an agent's template edit is not pushed and the supervisor's replaces it", async () => {
    const server = new MemorySyncServer();
    const sup = browser(server, 'm-s', 'supervisor');
    const agent = browser(server, 'm-a', 'agent');
    const now = Date.now();
    const t = template(now);
    await sup.records.templates.put({ ...t, title: '尺码推荐（总部版）' });
    await sup.tick();
    await agent.records.templates.put({ ...t, title: 'agent copy', updatedAt: now + 10 });
    expect(await agent.tick()).toMatchObject({ pushed: 0 });
    expect((await agent.records.templates.get(t.id))?.title).toBe('尺码推荐（总部版）');
  });

  it("template usage is shop-wide: each member's count is its own record, and every browser ranks by the team's total", async () => {
    const server = new MemorySyncServer();
    const sup = browser(server, 'm-s', 'supervisor');
    const a = browser(server, 'm-a', 'agent');
    const b = browser(server, 'm-b', 'agent');
    const now = Date.now();
    const [t1, t2] = defaultTemplates()
      .slice(0, 2)
      .map((t) => ({ ...t, updatedAt: now }));
    await sup.records.templates.bulkPut([t1!, t2!]);
    await sup.tick();
    await a.tick();
    await b.tick();
    // A uses t2 three times, B twice; the supervisor once. The template itself is not edited by any of it.
    for (let i = 1; i <= 3; i++) await recordTemplateUse(a.records, t2!.id, now + i);
    for (let i = 1; i <= 2; i++) await recordTemplateUse(b.records, t2!.id, now + 10 + i);
    await recordTemplateUse(sup.records, t2!.id, now + 20);
    await a.tick();
    await b.tick();
    await sup.tick();
    await a.tick();
    await b.tick();
    expect(server.count('templateUsage')).toBe(3);
    expect(server.get('template', t2!.id)?.usageCount).toBe(0);
    expect(await a.records.templates.get(t2!.id)).toMatchObject({
      usageCount: 3,
      teamUsageCount: 3,
      lastUsedAt: now + 3,
    });
    expect(await b.records.templates.get(t2!.id)).toMatchObject({ usageCount: 2, teamUsageCount: 4 });
    expect(await sup.records.templates.get(t2!.id)).toMatchObject({ usageCount: 1, teamUsageCount: 5 });
    // B's own count is 2, the team's 6: t2 now outranks t1 for B though B used it less than A.
    const shop = (await b.records.templates.get(t2!.id))!;
    expect(teamUsage(shop)).toBe(6);
    // A supervisor's edit of the template keeps every browser's counts.
    await sup.records.templates.update(t2!.id, { title: '新标题', updatedAt: now + 30 });
    await sup.tick();
    await b.tick();
    expect(await b.records.templates.get(t2!.id)).toMatchObject({ title: '新标题', usageCount: 2, teamUsageCount: 4 });
    // Nothing more to push anywhere.
    for (const side of [a, b, sup]) expect(await side.tick()).toMatchObject({ pushed: 0 });
  });

  it("a template's team total counts that template's uses only, also when one id starts with another's", async () => {
    const server = new MemorySyncServer();
    const sup = browser(server, 'm-s', 'supervisor');
    const a = browser(server, 'm-a', 'agent');
    const now = Date.now();
    // Ids are free text: 'promo|vip' starts with 'promo|', the prefix under which 'promo''s records are kept.
    const base = template(now);
    const short = { ...base, id: 'promo' };
    const long = { ...base, id: 'promo|vip', title: '会员专享' };
    await sup.records.templates.bulkPut([short, long]);
    await sup.tick();
    await a.tick();
    for (let i = 1; i <= 3; i++) await recordTemplateUse(sup.records, long.id, now + i);
    await sup.tick();
    await a.tick();
    await recordTemplateUse(sup.records, short.id, now + 5);
    await sup.tick();
    await a.tick();
    expect(await a.records.templates.get(long.id)).toMatchObject({ teamUsageCount: 3 });
    expect(await a.records.templates.get(short.id)).toMatchObject({ teamUsageCount: 1 });
  });

  it("a member's count never goes down: after a restore the server's count raises the local one", async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a', 'supervisor');
    const now = Date.now();
    const t = template(now);
    await a.records.templates.put(t);
    for (let i = 1; i <= 4; i++) await recordTemplateUse(a.records, t.id, now + i);
    await a.tick();
    await a.records.templates.put({ ...t, usageCount: 1, lastUsedAt: now + 1 });
    await a.tick();
    expect(server.get('templateUsage', `${t.id}|m-a`)).toMatchObject({ count: 4 });
    expect((await a.records.templates.get(t.id))?.usageCount).toBe(4);
  });
});

describe('buyer fields (birthdays)', () => {
  const rules = DEFAULT_REMINDER_RULES;
  const write = (monthDay: string, year: number | null) => ({
    buyerId: BUYER,
    nick: '小鹿买买',
    platform: 'taobao' as const,
    monthDay,
    year,
  });

  it("one agent's birthday reaches the other; a correction of the day and a cleared year by two agents both hold", async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await saveBirthday(a.records, write('03-08', 1995), '小王', rules, 'Asia/Shanghai', now);
    await a.tick();
    await b.tick();
    expect(await getBirthday(b.records, BUYER)).toMatchObject({ monthDay: '03-08', year: 1995, author: '小王' });

    // Both edit offline: A corrects the day, B removes the year (a field cleared).
    await saveBirthday(a.records, write('03-09', 1995), '小王', rules, 'Asia/Shanghai', now + 1000);
    const bs = (await b.records.birthdays.get(BUYER))!;
    const { year: _year, ...withoutYear } = bs;
    await b.records.birthdays.put({ ...withoutYear, updatedAt: now + 2000 });
    await a.tick();
    await b.tick();
    await a.tick();
    for (const side of [a, b]) {
      const got = await getBirthday(side.records, BUYER);
      expect(got?.monthDay).toBe('03-09');
      expect(got?.year).toBeUndefined();
    }
  });

  it('a removal wins over an edit only when it is newer', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await saveBirthday(a.records, write('05-20', null), '小王', rules, 'Asia/Shanghai', now);
    await a.tick();
    await b.tick();
    // B removes it first (older), A corrects it later; B's removal reaches the server after A's edit.
    await clearBirthday(b.records, BUYER, now + 1000);
    await saveBirthday(a.records, write('05-21', null), '小王', rules, 'Asia/Shanghai', now + 2000);
    await a.tick();
    await b.tick();
    await a.tick();
    for (const side of [a, b]) expect((await getBirthday(side.records, BUYER))?.monthDay).toBe('05-21');

    // A newer removal wins.
    await clearBirthday(b.records, BUYER, now + 3000);
    await b.tick();
    await a.tick();
    for (const side of [a, b]) expect(await getBirthday(side.records, BUYER)).toBeNull();
    expect(server.get('buyerFields', BUYER)?.deletedAt).toBe(now + 3000);
  });
});

describe('reminders in a team', () => {
  it('take and hand over: the owner reaches every browser; done by one is done for all, even against an older snooze', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await a.records.reminders.put(reminder('r1', now));
    await a.tick();
    await b.tick();
    // B takes it; A sees B as its owner.
    await setReminderOwner(b.records, 'r1', 'm-b', now + 1000);
    await b.tick();
    await a.tick();
    expect((await a.records.reminders.get('r1'))?.owner).toBe('m-b');
    // B hands it over to A.
    await setReminderOwner(b.records, 'r1', 'm-a', now + 2000);
    await b.tick();
    await a.tick();
    expect((await a.records.reminders.get('r1'))?.owner).toBe('m-a');

    // A marks it done; B, offline, snoozes it (not having seen it done).
    await actOnReminder(a.records, 'r1', { action: 'done' }, now + 3000);
    await a.tick();
    server.failure = 'offline';
    await actOnReminder(b.records, 'r1', { action: 'snooze', until: now + 86_400_000 }, now + 4000);
    await b.tick();
    server.failure = null;
    await b.tick();
    await a.tick();
    for (const side of [a, b]) expect((await side.records.reminders.get('r1'))?.status).toBe('done');
    expect(server.get('reminder', 'r1')).toMatchObject({ status: 'done', owner: 'm-a' });
  });
});

describe('playbook settings', () => {
  it("the supervisor's taxonomy, reminder rules, contact policy, send check, ladder and shop anniversary reach the agents; an agent's own edit is not pushed and is replaced", async () => {
    const server = new MemorySyncServer();
    const sup = browser(server, 'm-s', 'supervisor');
    const agent = browser(server, 'm-a', 'agent');
    const now = Date.now();
    // The agent has its own app settings (name, zone) that must stay its own.
    await saveAppSettings(agent.records, { ...DEFAULT_APP_SETTINGS, agentName: '小李' }, now);
    await agent.tick();

    const rules = { ...DEFAULT_REMINDER_RULES, sendTime: '09:15', horizonDays: 3 };
    await saveSettingEdit(sup.records, 'reminderRules', rules, now + 1);
    const taxonomy = defaultTaxonomy();
    taxonomy.minScore = 0.8;
    await saveSettingEdit(sup.records, 'taxonomy', taxonomy, now + 2);
    await saveSettingEdit(
      sup.records,
      'contactPolicy',
      { ...DEFAULT_CONTACT_POLICY, marketingCap: { count: 1, days: 14 } },
      now + 3,
    );
    const guard = defaultGuardRules();
    await saveSettingEdit(sup.records, 'guardRules', { ...guard, limits: {} }, now + 4);
    const supApp = await loadAppSettings(sup.records);
    const profile = structuredClone(supApp.profile);
    profile.ladder.levels[0]!.name = '铜牌会员';
    await saveAppSettings(sup.records, { ...supApp, agentName: '主管', profile }, now + 5);
    await saveShopAnniversary(sup.records, '06-18', now + 5);
    expect(await sup.tick()).toMatchObject({ status: 'idle', pushed: 6 });

    await agent.tick();
    expect((await loadReminderRules(agent.records)).sendTime).toBe('09:15');
    expect((await loadTaxonomy(agent.records)).minScore).toBe(0.8);
    expect((await loadContactPolicy(agent.records)).marketingCap).toEqual({ count: 1, days: 14 });
    expect((await loadGuardRules(agent.records)).limits).toEqual({});
    expect(Object.keys(guard.limits).length).toBeGreaterThan(0);
    const agentApp = await loadAppSettings(agent.records);
    expect(agentApp.profile.ladder.levels[0]!.name).toBe('铜牌会员');
    expect(agentApp.agentName).toBe('小李');
    expect(agentApp.shopAnniversary).toBe('06-18');
    expect(server.get('playbookSetting', 'profile')).not.toHaveProperty('value.agentName');

    // An agent's edit of a setting (a stale tab, a script) is not pushed; the supervisor's next version replaces it.
    await saveSettingEdit(agent.records, 'reminderRules', { ...rules, sendTime: '23:00' }, now + 6);
    expect(await agent.tick()).toMatchObject({ pushed: 0 });
    await saveSettingEdit(sup.records, 'reminderRules', { ...rules, horizonDays: 5 }, now + 7);
    await sup.tick();
    await agent.tick();
    expect(await loadReminderRules(agent.records)).toMatchObject({ sendTime: '09:15', horizonDays: 5 });
    // The same for the anniversary: the agent's own is not pushed, the supervisor's clearing of it arrives.
    await saveShopAnniversary(agent.records, '01-01', now + 8);
    expect(await agent.tick()).toMatchObject({ pushed: 0 });
    await saveShopAnniversary(sup.records, null, now + 9);
    await sup.tick();
    await agent.tick();
    expect((await loadAppSettings(agent.records)).shopAnniversary).toBeNull();
    expect((await loadAppSettings(agent.records)).agentName).toBe('小李');
  });
});

describe('taught consoles', () => {
  const lazada = (input = '.im-editor textarea') => ({
    id: 'lazada-my',
    name: { zh: 'Lazada 聊天', en: 'Lazada chat' },
    platform: 'other',
    matches: ['https://sellercenter.lazada.com.my/apps/im/*'],
    exampleUrls: ['https://sellercenter.lazada.com.my/apps/im/chat'],
    selectors: {
      ready: '.im-container',
      buyerNick: { selector: '.session-header .buyer-name' },
      messageRow: '.message-list .message-item',
      messageText: '.message-text',
      authorBuyer: '.message-item.left',
      authorAgent: '.message-item.right',
      input,
      inputKind: 'textarea',
    },
  });
  /** A browser whose consoles are a list in (fake) storage.local, as the background keeps them. */
  function withConsoles(server: MemorySyncServer, memberId: string, role: Role = 'agent') {
    const side = browser(server, memberId, role);
    const box: { list: unknown[] } = { list: [] };
    side.store.extra.console = consoleSource({
      read: async () => structuredClone(box.list),
      write: async (l) => void (box.list = structuredClone(l)),
    });
    return { ...side, box };
  }

  it('a console the supervisor taught reaches the agents; a correction follows; removing it removes it everywhere', async () => {
    const server = new MemorySyncServer();
    const sup = withConsoles(server, 'm-s', 'supervisor');
    const agent = withConsoles(server, 'm-a');
    sup.box.list = [lazada()];
    await sup.tick();
    await agent.tick();
    expect(agent.box.list).toEqual([lazada()]);

    sup.box.list = [lazada('.im-editor .input-box textarea')];
    await sup.tick();
    await agent.tick();
    expect((agent.box.list[0] as ReturnType<typeof lazada>).selectors.input).toBe('.im-editor .input-box textarea');

    // Removed outright from the list: the scan finds it gone and the removal reaches the agent.
    sup.box.list = [];
    await sup.tick();
    expect(server.get('console', 'lazada-my')?.deletedAt).toBeTypeOf('number');
    await agent.tick();
    expect(agent.box.list).toEqual([]);
    for (const side of [sup, agent]) expect(await side.tick()).toMatchObject({ pushed: 0 });
  });

  it("a pulled console lost to another writer's save of the whole list is put back, not removed for the whole team", async () => {
    const server = new MemorySyncServer();
    const sup = withConsoles(server, 'm-s', 'supervisor');
    const agent = withConsoles(server, 'm-a');
    sup.box.list = [lazada()];
    await sup.tick();
    await agent.tick();
    expect(agent.box.list).toEqual([lazada()]);
    // The agent's picker had read the list before the pull and now saves it whole, without the pulled console.
    agent.box.list = [];
    await agent.tick();
    expect(server.get('console', 'lazada-my')?.deletedAt).toBeUndefined();
    expect(agent.box.list).toEqual([lazada()]);
    await sup.tick();
    expect(sup.box.list).toEqual([lazada()]);
    // Once this browser has seen it, removing it is a removal, as before.
    agent.box.list = [];
    await agent.tick();
    expect(server.get('console', 'lazada-my')?.deletedAt).toBeTypeOf('number');
  });

  it('keeps consoles under the key the extension stores them in', () => {
    expect(TAUGHT_CONSOLES_KEY).toBe(CUSTOM_CONSOLES_KEY);
  });

  it('a console that does not pass the schema is not taken', async () => {
    const server = new MemorySyncServer();
    const a = withConsoles(server, 'm-a');
    a.box.list = [{ ...lazada(), matches: ['*://*/*'] }];
    expect(await a.tick()).toMatchObject({ pushed: 0 });
    expect(server.count('console')).toBe(0);
  });
});

describe('restore while connected', () => {
  async function backup(db: HuitoukeDb): Promise<string> {
    let text = '';
    for await (const chunk of backupChunks(db, Date.now())) text += chunk;
    return text;
  }
  async function restore(db: HuitoukeDb, text: string): Promise<void> {
    const source = () => sourceFromBytes('backup.json', new TextEncoder().encode(text), [64 * 1024]);
    const read = await checkBackup(source(), db);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect((await restoreBackup(db, source(), read.info, { now: Date.now() })).ok).toBe(true);
  }

  it("rebuilds the sync state: the backup's older versions are not pushed over the team's, newer work comes back, nothing is doubled or lost", async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    await a.records.notes.put(note('n1', 'v1', now));
    await setTag(a.records, BUYER, '老客', true, '小王', now);
    await a.tick();
    // Made offline, in the backup, never pushed before the restore.
    server.failure = 'offline';
    await a.records.notes.put(note('n-offline', '离线写的', now + 10));
    await a.tick();
    server.failure = null;
    const text = await backup(a.records);

    // After the backup: A's note is corrected (also on the server), B adds a note and removes the tag.
    await a.records.notes.update('n1', { text: 'v2', updatedAt: now + 1000 });
    await a.tick();
    await b.tick();
    await b.records.notes.put(note('n2', 'from B', now + 2000));
    await setTag(b.records, BUYER, '老客', false, '小李', now + 2000);
    await b.tick();

    await restore(a.records, text);
    expect((await a.records.notes.get('n1'))?.text).toBe('v1');
    await a.tick();
    // The team's newer versions stand and come back; the backup's own unpushed note is shared once.
    expect(server.get('note', 'n1')?.text).toBe('v2');
    expect((await a.records.notes.get('n1'))?.text).toBe('v2');
    expect((await a.records.notes.get('n2'))?.text).toBe('from B');
    expect((await a.records.tags.get(`${BUYER}|老客`))?.deletedAt).toBe(now + 2000);
    expect(server.get('note', 'n-offline')?.text).toBe('离线写的');
    expect(server.count('note')).toBe(3);
    expect(await a.records.notes.count()).toBe(3);
    // Settled: nothing more to push or pull anywhere.
    expect(await a.tick()).toMatchObject({ pushed: 0, pulled: 0 });
    await b.tick();
    expect((await b.records.notes.toArray()).map((n) => n.text).sort()).toEqual(['from B', 'v2', '离线写的']);
  });

  it('a restore offline waits: nothing is pushed until the shop was pulled anew', async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const now = Date.now();
    await a.records.notes.put(note('n1', 'v1', now));
    await a.tick();
    const text = await backup(a.records);
    await a.records.notes.update('n1', { text: 'v2', updatedAt: now + 1000 });
    await a.tick();
    server.failure = 'offline';
    await restore(a.records, text);
    expect((await a.tick()).status).toBe('offline');
    expect((await a.tick()).status).toBe('offline');
    server.failure = null;
    await a.tick();
    expect(server.get('note', 'n1')?.text).toBe('v2');
    expect((await a.records.notes.get('n1'))?.text).toBe('v2');
  });
});

describe('what a console taught (order links, live orders)', () => {
  it("an order another agent's console panel showed counts in this agent's sidebar too, once", async () => {
    const server = new MemorySyncServer();
    const a = browser(server, 'm-a');
    const b = browser(server, 'm-b');
    const now = Date.now();
    const panel = {
      platform: 'pinduoduo' as const,
      buyerKey: 'uid_8823',
      orders: [{ id: '251207-1', status: 'paid' as const, paidCents: 5900, createdAt: '2025-12-07 10:00:00' }],
    };
    expect(await recordConsoleOrders(a.records, panel, 'Asia/Shanghai', now)).toBeGreaterThan(0);
    expect(await a.tick()).toMatchObject({ status: 'idle' });
    expect(await b.tick()).toMatchObject({ status: 'idle' });
    const seen = await buyerWithConsole(
      b.records,
      { platform: 'pinduoduo', buyerKey: 'uid_8823', nick: '墨墨' },
      DEFAULT_COUNTING_RULES,
    );
    expect(seen?.record.orders.map((o) => o.orderId)).toEqual(['251207-1']);
    // B's own panel shows the same order: nothing new is written or pushed, and it still counts once.
    expect(await recordConsoleOrders(b.records, panel, 'Asia/Shanghai', now + 1000)).toBe(0);
    expect(await b.tick()).toMatchObject({ pushed: 0 });
    const again = await buyerWithConsole(
      b.records,
      { platform: 'pinduoduo', buyerKey: 'uid_8823', nick: '墨墨' },
      DEFAULT_COUNTING_RULES,
    );
    expect(again?.record.metrics.allOrders).toBe(1);
  });
});

describe('touchesSyncedTables', () => {
  it('tells writes to synced tables from other writes and from the sync database', () => {
    expect(touchesSyncedTables({ 'idb://huitouke/concerns/': 1 })).toBe(true);
    expect(touchesSyncedTables({ 'idb://huitouke/lexicon/': 1, 'idb://huitouke/buyerShards/': 1 })).toBe(false);
    expect(touchesSyncedTables({ 'idb://huitouke/settings/': 1 })).toBe(true);
    expect(touchesSyncedTables({ 'idb://huitouke-sync/outbox/': 1 })).toBe(false);
    expect(touchesRecords({ 'idb://huitouke-sync/outbox/': 1, 'idb://huitouke-sync/meta/': 1 })).toBe(false);
    expect(touchesRecords({ 'idb://huitouke-sync/outbox/': 1, 'idb://huitouke/notes/': 1 })).toBe(true);
  });
});

describe('localChangeOf', () => {
  it('names the changed fields, a new record as all, a deletion, and nothing for a bare re-stamp', () => {
    const base = { id: 'x', text: 'a', updatedAt: 1 };
    expect(localChangeOf(base, undefined)).toEqual({ fields: 'all', delete: false });
    expect(localChangeOf({ ...base, text: 'b', updatedAt: 2 }, base)).toEqual({
      fields: ['text', 'updatedAt'],
      delete: false,
    });
    expect(localChangeOf({ ...base, deletedAt: 3 }, base)).toEqual({ fields: [], delete: true });
    expect(localChangeOf({ ...base, updatedAt: 9 }, base)).toBeNull();
    expect(localChangeOf(base, { ...base, deletedAt: 3 })).toEqual({ fields: 'all', delete: false });
  });
});
