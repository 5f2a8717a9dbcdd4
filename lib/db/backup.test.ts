import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shardIdOf } from './buyer-shards';
import { getBuyer, putBuyers, scanBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import { addNote, saveConcern, setTag } from './annotations';
import { canonicalJson, Checksum } from '../playbook/canonical';
import { backupChunks, readBackup, restoreBackup } from './backup';
import { seedPlaybook } from './playbook';
import { CURRENT_VERSION } from './schema-versions';
import { saveTemplateEdit } from './playbook-edit';

let n = 0;
const opened: Dexie[] = [];
function fresh<T extends Dexie>(make: (name: string) => T): T {
  const db = make(`backup-${++n}`);
  opened.push(db);
  return db;
}
beforeEach(() => {
  opened.length = 0;
});
afterEach(async () => {
  for (const db of opened) await db.delete();
});

async function fill(db: HuitoukeDb, buyers = 50) {
  await seedPlaybook(db, 1);
  const rows = Array.from({ length: buyers }, (_, i) => ({
    id: `taobao:买家${i}`,
    platform: 'taobao' as const,
    buyerKey: `买家${i}`,
    nick: i === 3 ? '=HYPERLINK("http://x")' : `买家${i}`,
    orders: [],
    metrics: { paidOrders: i % 4, netCents: i * 1000, aovCents: 500, firstPaidDate: null, lastPaidDate: null, paidDates: [], refundOrders: 0, refundCents: 0, allOrders: i % 4, lastItems: [], categories: [] },
    updatedAt: i,
  }));
  await putBuyers(db, rows, 1);
  await addNote(db, 'taobao:买家1', '喜欢粉色，\n"尺码偏小"', '小王', 5);
  await setTag(db, 'taobao:买家1', '老客', true, '小王', 6);
  await saveConcern(db, { buyerId: 'taobao:买家2', nick: '买家2', platform: 'taobao', console: 'demo', conversationId: 'c1', messageId: 'm1', concern: 'size', quote: '这个码偏大吗', at: 7, date: '2026-11-01', agent: '小王', source: 'agent' }, 7);
  const [t] = await db.templates.toArray();
  await saveTemplateEdit(db, { ...t!, title: '改过 😀' }, '主管', 8);
}

async function backupText(db: Dexie, now = 100): Promise<string> {
  let text = '';
  for await (const chunk of backupChunks(db, now)) text += chunk;
  return text;
}

async function buyerCount(db: HuitoukeDb): Promise<number> {
  let n = 0;
  await scanBuyers(db, (page) => void (n += page.length));
  return n;
}

async function counts(db: Dexie): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()] as const)));
}

describe('backup and restore', () => {
  it('restores every table into an empty profile with nothing lost', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source, 4500); // more than two read batches of buyers
    const text = await backupText(source);
    const target = fresh((name) => new HuitoukeDb(name));
    await addNote(target, 'x', 'this profile had its own data', 'y', 1);
    const read = readBackup(text, target.verno);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    const report = await restoreBackup(target, read.backup, { now: 200 });
    expect(report.ok).toBe(true);
    expect(report.upgradedFrom).toBeNull();
    const shards = await source.buyerShards.count();
    expect(shards).toBeGreaterThan(2000); // more than one read batch (backup.ts reads 2000 rows at a time)
    expect(report.tables.find((t) => t.table === 'buyerShards')).toEqual({ table: 'buyerShards', expected: shards, restored: shards, checksumOk: true });
    expect(await counts(target)).toEqual(await counts(source));
    expect(await buyerCount(target)).toBe(4500);
    expect(await target.notes.toArray()).toEqual(await source.notes.toArray());
    expect((await getBuyer(target, 'taobao:买家3'))?.nick).toBe('=HYPERLINK("http://x")');
    // A second backup of the restored profile is the same file, apart from its date.
    expect(await backupText(target, 100)).toBe(text);
  });

  it('refuses a damaged file before touching anything', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    const text = await backupText(source);
    // The file without the shard that holds 买家7, its manifest unchanged.
    const parsed = JSON.parse(text) as { tables: Record<string, { id: string }[]> };
    const shardOf7 = shardIdOf('taobao', '买家7');
    parsed.tables.buyerShards = parsed.tables.buyerShards!.filter((row) => row.id !== shardOf7);
    const lostRow = JSON.stringify(parsed);
    expect(lostRow).not.toBe(text);
    expect(readBackup(lostRow, CURRENT_VERSION)).toEqual({ ok: false, problem: { kind: 'damaged', tables: ['buyerShards'] } });
    const edited = text.replace('喜欢粉色', '喜欢蓝色');
    expect(readBackup(edited, CURRENT_VERSION)).toEqual({ ok: false, problem: { kind: 'damaged', tables: ['notes'] } });
    expect(readBackup(text.slice(0, -20), CURRENT_VERSION)).toEqual({ ok: false, problem: { kind: 'notJson' } });
    expect(readBackup('{"format":"x"}', CURRENT_VERSION)).toEqual({ ok: false, problem: { kind: 'notABackup' } });
    expect(readBackup(text, CURRENT_VERSION - 1)).toEqual({ ok: false, problem: { kind: 'newerVersion', dbVersion: CURRENT_VERSION } });
  });

  it('changes nothing when what was written does not match the file', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    // A file that agrees with itself but cannot be stored as it says: two notes with one key.
    const file = JSON.parse(await backupText(source)) as { tables: Record<string, unknown[]>; manifest: { counts: Record<string, number>; checksums: Record<string, string> } };
    file.tables.notes!.push(file.tables.notes![0]);
    file.manifest.counts.notes = 2;
    const sum = new Checksum();
    for (const row of file.tables.notes!) sum.update(canonicalJson(row));
    file.manifest.checksums.notes = sum.digest();
    const read = readBackup(JSON.stringify(file), CURRENT_VERSION);
    if (!read.ok) throw new Error('the file itself is consistent');

    const target = fresh((name) => new HuitoukeDb(name));
    await addNote(target, 'taobao:x', '恢复前就有的备注', '小李', 1);
    const report = await restoreBackup(target, read.backup, { now: 400 });
    expect(report.ok).toBe(false);
    expect(report.rolledBack).toBe(true);
    expect(report.tables.find((t) => t.table === 'notes')).toMatchObject({ expected: 2, restored: 1 });
    expect((await target.notes.toArray()).map((n) => n.text)).toEqual(['恢复前就有的备注']);
    expect(await buyerCount(target)).toBe(0);
  });

  it('takes a backup from an older database version through the upgrade path', async () => {
    // The next database version, as a future release would declare it: a new index and an upgrade.
    class NextDb extends HuitoukeDb {
      constructor(name: string) {
        super(name);
        this.version(CURRENT_VERSION + 1)
          .stores({ notes: 'id, buyerId, updatedAt, author' })
          .upgrade((tx) => tx.table('notes').toCollection().modify((note: { pinned?: boolean }) => { note.pinned = false; }));
      }
    }
    const old = fresh((name) => new HuitoukeDb(name));
    await fill(old);
    const read = readBackup(await backupText(old), CURRENT_VERSION + 1);
    if (!read.ok) throw new Error('backup did not read');
    expect(read.backup.dbVersion).toBe(CURRENT_VERSION);
    const target = fresh((name) => new NextDb(name));
    const report = await restoreBackup(target, read.backup, { now: 300, openCurrent: (name) => new NextDb(name) });
    expect(report.upgradedFrom).toBe(CURRENT_VERSION);
    expect(report.ok).toBe(true);
    expect(await counts(target)).toEqual(await counts(old));
    const notes = await target.notes.where('author').equals('小王').toArray();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ text: '喜欢粉色，\n"尺码偏小"', pinned: false });
    expect((await Dexie.getDatabaseNames()).some((name) => name.includes('-restore-'))).toBe(false);
  });
});
