import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFromBytes, type ImportSource } from '../import/source';
import { canonicalJson, Checksum } from '../playbook/canonical';
import { addNote, saveConcern, setTag } from './annotations';
import { RESTORE_MARK_KEY, restoreMarkOf } from './restore-mark';
import {
  backupChunks,
  checkBackup,
  hasRowSchema,
  restoreBackup,
  tablesOfVersion,
  type BackupInfo,
  type RestoreOptions,
} from './backup';
import { decodeBuyer } from './buyer-codec';
import { shardIdOf, type BuyerShard } from './buyer-shards';
import { getBuyer, putBuyers, scanBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import { Lexicon, type LexiconChunk } from './lexicon';
import { seedPlaybook } from './playbook';
import { saveTemplateEdit } from './playbook-edit';
import type { BuyerRecord } from './records';
import { CURRENT_VERSION } from './schema-versions';
import { loadPinRecord, PIN_SETTING_KEY, pinStatus, setPin, verifyPin } from './supervisor-lock';

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
    metrics: {
      paidOrders: i % 4,
      netCents: i * 1000,
      aovCents: 500,
      firstPaidDate: null,
      lastPaidDate: null,
      paidDates: [],
      refundOrders: 0,
      refundCents: 0,
      allOrders: i % 4,
      lastItems: [],
      categories: [],
    },
    updatedAt: i,
  }));
  await putBuyers(db, rows, 1);
  await addNote(db, 'taobao:买家1', '喜欢粉色，\n"尺码偏小"', '小王', 5);
  await setTag(db, 'taobao:买家1', '老客', true, '小王', 6);
  await saveConcern(
    db,
    {
      buyerId: 'taobao:买家2',
      nick: '买家2',
      platform: 'taobao',
      console: 'demo',
      conversationId: 'c1',
      messageId: 'm1',
      concern: 'size',
      quote: '这个码偏大吗',
      at: 7,
      date: '2026-11-01',
      agent: '小王',
      source: 'agent',
    },
    7,
  );
  const [t] = await db.templates.toArray();
  await saveTemplateEdit(db, { ...t!, title: '改过 😀' }, '主管', 8);
}

async function backupText(db: Dexie, now = 100): Promise<string> {
  let text = '';
  for await (const chunk of backupChunks(db, now)) text += chunk;
  return text;
}

/** A file as the page hands it over: bytes read in pieces (of these sizes in turn, so pieces end everywhere). */
const file = (text: string, sizes: number[] = [64 * 1024]): ImportSource =>
  sourceFromBytes('backup.json', new TextEncoder().encode(text), sizes);

async function checked(text: string, db: Dexie): Promise<BackupInfo> {
  const read = await checkBackup(file(text), db);
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  return read.info;
}

/** Check and restore a file's text into `db`, as the backup panel does. */
async function restoreText(db: Dexie, text: string, opts: Partial<RestoreOptions> = {}) {
  return restoreBackup(db, file(text), await checked(text, db), { now: 200, ...opts });
}

async function buyerCount(db: HuitoukeDb): Promise<number> {
  let n = 0;
  await scanBuyers(db, (page) => void (n += page.length));
  return n;
}

/** Rows a restore keeps or writes for this browser (the PIN, the restore mark) are left out. */
const kept = (table: string, rows: unknown[]) =>
  rows.filter((r) => !(table === 'settings' && (r as { key?: unknown }).key === RESTORE_MARK_KEY));

async function counts(db: Dexie): Promise<Record<string, number>> {
  return Object.fromEntries(
    await Promise.all(db.tables.map(async (t) => [t.name, kept(t.name, await t.toArray()).length] as const)),
  );
}

/** Every row of every table, to compare a database before and after. */
async function everything(db: Dexie): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(
    await Promise.all(db.tables.map(async (t) => [t.name, kept(t.name, await t.toArray())] as const)),
  );
}

type BackupFile = {
  dbVersion: number;
  tables: Record<string, Record<string, unknown>[]>;
  manifest: { counts: Record<string, number>; checksums: Record<string, string> };
};

/** A file edited by hand, its manifest made to agree with its tables again (a consistent file). */
function consistent(text: string, edit: (f: BackupFile) => void): string {
  const f = JSON.parse(text) as BackupFile;
  edit(f);
  f.manifest = { counts: {}, checksums: {} };
  for (const [name, rows] of Object.entries(f.tables)) {
    const sum = new Checksum();
    for (const row of rows) sum.update(canonicalJson(row));
    f.manifest.counts[name] = rows.length;
    f.manifest.checksums[name] = sum.digest();
  }
  return JSON.stringify(f);
}

describe('backup and restore', () => {
  it('restores every table into an empty profile with nothing lost', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source, 4500); // more than two read batches of buyers
    const text = await backupText(source);
    const target = fresh((name) => new HuitoukeDb(name));
    await addNote(target, 'x', 'this profile had its own data', 'y', 1);
    const report = await restoreText(target, text);
    expect(report.ok).toBe(true);
    expect(report.upgradedFrom).toBeNull();
    const shards = await source.buyerShards.count();
    expect(shards).toBeGreaterThan(2000); // more than one read batch (backup.ts reads 2000 rows at a time)
    expect(report.tables.find((t) => t.table === 'buyerShards')).toEqual({
      table: 'buyerShards',
      expected: shards,
      restored: shards,
      checksumOk: true,
    });
    expect(await counts(target)).toEqual(await counts(source));
    expect(await buyerCount(target)).toBe(4500);
    expect(await target.notes.toArray()).toEqual(await source.notes.toArray());
    expect((await getBuyer(target, 'taobao:买家3'))?.nick).toBe('=HYPERLINK("http://x")');
    // A second backup of the restored profile is the same file, apart from its date (the restore mark is not in it).
    expect(await backupText(target, 100)).toBe(text);
    // Each restore leaves a new mark (team sync rebuilds its shadows on it).
    const first = await restoreMarkOf(target);
    expect(first).not.toBeNull();
    expect((await restoreText(target, text)).ok).toBe(true);
    expect(await restoreMarkOf(target)).not.toBe(first);
  });

  it('reads the file as it arrives, in pieces that end anywhere (inside names, rows, escapes and characters)', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source, 30);
    const text = await backupText(source);
    const target = fresh((name) => new HuitoukeDb(name));
    const sizes = [1, 2, 3, 5, 7, 11, 13, 64, 257];
    const read = await checkBackup(file(text, sizes), target);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect(read.info.counts.buyerShards).toBe(await source.buyerShards.count());
    const report = await restoreBackup(target, file(text, sizes), read.info, { now: 1 });
    expect(report.ok).toBe(true);
    expect(await everything(target)).toEqual(await everything(source));
  });

  it('refuses a damaged file before touching anything', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    const text = await backupText(source);
    const target = fresh((name) => new HuitoukeDb(name));
    const check = async (t: string) => {
      const read = await checkBackup(file(t), target);
      return read.ok ? 'ok' : read.problem;
    };
    // The file without the shard that holds 买家7, its manifest unchanged.
    const parsed = JSON.parse(text) as { tables: Record<string, { id: string }[]> };
    const shardOf7 = shardIdOf('taobao', '买家7');
    parsed.tables.buyerShards = parsed.tables.buyerShards!.filter((row) => row.id !== shardOf7);
    const lostRow = JSON.stringify(parsed);
    expect(lostRow).not.toBe(text);
    expect(await check(lostRow)).toEqual({ kind: 'damaged', tables: ['buyerShards'] });
    const edited = text.replace('喜欢粉色', '喜欢蓝色');
    expect(await check(edited)).toEqual({ kind: 'damaged', tables: ['notes'] });
    // Cut short: where the text stops.
    const lines = text.slice(0, -20).split('\n');
    expect(await check(text.slice(0, -20))).toEqual({
      kind: 'notJson',
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
      detail: 'cut short',
    });
    expect(await check('{"format":"x"}')).toEqual({ kind: 'notABackup' });
    expect(await check('[1, 2]')).toEqual({ kind: 'notABackup' });
    // Not JSON in the middle of a row: the line and column of that row.
    const broken = text.replace('"喜欢粉色', '喜欢粉色');
    const at = broken.split('\n').findIndex((l) => l.includes('喜欢粉色'));
    expect(await check(broken)).toMatchObject({ kind: 'notJson', line: at + 1 });
    const older = fresh((name) => new Dexie(name));
    older.version(CURRENT_VERSION - 1).stores(Object.fromEntries(tablesOfVersion(CURRENT_VERSION - 1)!));
    expect(
      (await checkBackup(file(text), older)).ok
        ? 'ok'
        : ((await checkBackup(file(text), older)) as { problem: unknown }).problem,
    ).toEqual({ kind: 'newerVersion', dbVersion: CURRENT_VERSION });
    expect(await everything(target)).toEqual(await everything(fresh((name) => new HuitoukeDb(name))));
  });

  it('refuses a valid file that lacks tables, naming them, instead of emptying them', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    const text = consistent(await backupText(source), (f) => {
      delete f.tables.notes;
      delete f.tables.templates;
    });
    const target = fresh((name) => new HuitoukeDb(name));
    await fill(target, 5);
    const before = await everything(target);
    expect(await checkBackup(file(text), target)).toEqual({
      ok: false,
      problem: { kind: 'missingTables', tables: ['notes', 'templates'] },
    });
    expect(await everything(target)).toEqual(before);
    // A table this version does not have is refused too.
    const extra = consistent(await backupText(source), (f) => void (f.tables.mystery = [{ id: 'x' }]));
    expect(await checkBackup(file(extra), target)).toEqual({
      ok: false,
      problem: { kind: 'unknownTables', dbVersion: CURRENT_VERSION, tables: ['mystery'] },
    });
  });

  it('refuses a file whose rows do not fit their tables, saying which table and row', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    const target = fresh((name) => new HuitoukeDb(name));
    await fill(target, 5);
    const before = await everything(target);
    const badNote = consistent(await backupText(source), (f) => void (f.tables.notes![0]!.text = 42));
    expect(await checkBackup(file(badNote), target)).toEqual({
      ok: false,
      problem: {
        kind: 'badRow',
        table: 'notes',
        row: 1,
        field: 'text',
        issue: expect.objectContaining({ path: ['text'] }),
      },
    });
    const badShard = consistent(await backupText(source), (f) => {
      const shard = f.tables.buyerShards![2]!;
      shard.docs = (shard.docs as string[]).slice(1);
    });
    expect(await checkBackup(file(badShard), target)).toMatchObject({
      ok: false,
      problem: { kind: 'badRow', table: 'buyerShards', row: 3 },
    });
    const badSetting = consistent(await backupText(source), (f) => f.tables.settings!.push({ value: 1 }));
    expect(await checkBackup(file(badSetting), target)).toMatchObject({
      ok: false,
      problem: { kind: 'badRow', table: 'settings', field: 'key' },
    });
    expect(await everything(target)).toEqual(before);
  });

  it('ends a file nested too deeply in a clear error, at its line and column', async () => {
    const target = fresh((name) => new HuitoukeDb(name));
    // A whole header, then a note whose one field nests 100,000 objects deep (walking it overflows the stack).
    const head = `{"format":"huitouke-backup","formatVersion":1,"dbVersion":${CURRENT_VERSION},"createdAt":1,"schema":{},\n"tables":{"notes":[{"id":"n1","x":`;
    const deep = `${head}${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}]},"manifest":{"counts":{"notes":1},"checksums":{"notes":"0"}}}`;
    const read = await checkBackup(file(deep), target);
    // The 61st object inside the row is one too deep (64 with the file's own three levels and the row).
    expect(read).toEqual({
      ok: false,
      problem: { kind: 'tooDeep', line: 2, column: '"tables":{"notes":[{"id":"n1","x":'.length + 5 * 60 + 1 },
    });
    const arrays = `${head.slice(0, -'{"id":"n1","x":'.length)}${'['.repeat(200_000)}${']'.repeat(200_000)}]},"manifest":{"counts":{},"checksums":{}}}`;
    expect(await checkBackup(file(arrays), target)).toMatchObject({ ok: false, problem: { kind: 'tooDeep', line: 2 } });
    // In a member other than the tables too.
    const deepHeader = `{"format":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(await checkBackup(file(deepHeader), target)).toMatchObject({
      ok: false,
      problem: { kind: 'tooDeep', line: 1 },
    });
  });

  it('refuses a file changed between its check and the restore, and changes nothing', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    const text = await backupText(source);
    const target = fresh((name) => new HuitoukeDb(name));
    await fill(target, 3);
    const before = await everything(target);
    const info = await checked(text, target);
    const changed = text.replace('喜欢粉色', '喜欢蓝色');
    await expect(restoreBackup(target, file(changed), info, { now: 1 })).rejects.toMatchObject({
      problem: { kind: 'damaged', tables: ['notes'] },
    });
    expect(await everything(target)).toEqual(before);
    // Also when it was replaced by another whole backup of the same size.
    const other = consistent(changed, () => {});
    await expect(restoreBackup(target, file(other), info, { now: 1 })).rejects.toMatchObject({
      problem: { kind: 'damaged', tables: ['notes'] },
    });
    expect(await everything(target)).toEqual(before);
  });

  it('changes nothing when what was written does not match the file', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    // A file that agrees with itself but cannot be stored as it says: two notes with one key.
    const text = consistent(await backupText(source), (f) => void f.tables.notes!.push(f.tables.notes![0]!));
    const target = fresh((name) => new HuitoukeDb(name));
    await addNote(target, 'taobao:x', '恢复前就有的备注', '小李', 1);
    const report = await restoreText(target, text, { now: 400 });
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
          .upgrade((tx) =>
            tx
              .table('notes')
              .toCollection()
              .modify((note: { pinned?: boolean }) => {
                note.pinned = false;
              }),
          );
      }
    }
    const old = fresh((name) => new HuitoukeDb(name));
    await fill(old);
    const text = await backupText(old);
    const target = fresh((name) => new NextDb(name));
    const info = await checked(text, target);
    expect(info.dbVersion).toBe(CURRENT_VERSION);
    const report = await restoreBackup(target, file(text), info, { now: 300, openCurrent: (name) => new NextDb(name) });
    expect(report.upgradedFrom).toBe(CURRENT_VERSION);
    expect(report.ok).toBe(true);
    expect(await counts(target)).toEqual(await counts(old));
    const notes = await target.notes.where('author').equals('小王').toArray();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ text: '喜欢粉色，\n"尺码偏小"', pinned: false });
    expect((await Dexie.getDatabaseNames()).some((name) => name.includes('-restore-'))).toBe(false);
  });

  // The saved databases of every earlier version (the upgrade test's fixtures), as backups of that version.
  const DIR = fileURLToPath(new URL('../../tests/fixtures/db/', import.meta.url));
  const saved = readdirSync(DIR)
    .filter((f) => /^v\d+\.json$/.test(f))
    .map(
      (f) =>
        JSON.parse(readFileSync(DIR + f, 'utf8')) as {
          version: number;
          tables: Record<string, Record<string, unknown>[]>;
        },
    );
  for (const fixture of saved) {
    it(`restores a backup of a version ${fixture.version} database through the upgrades, every record kept`, async () => {
      const tables = Object.fromEntries(
        [...tablesOfVersion(fixture.version)!.keys()].map((name) => [name, fixture.tables[name] ?? []]),
      );
      const text = consistent(
        JSON.stringify({
          format: 'huitouke-backup',
          formatVersion: 1,
          dbVersion: fixture.version,
          createdAt: 1,
          schema: Object.fromEntries(tablesOfVersion(fixture.version)!),
          tables,
          manifest: {},
        }),
        () => {},
      );
      const target = fresh((name) => new HuitoukeDb(name));
      await fill(target, 2);
      const report = await restoreText(target, text);
      expect(report).toMatchObject({ ok: true, upgradedFrom: fixture.version });
      // From version 5 on, docs name repeated texts by their number in the saved lexicon.
      const lexicon = Lexicon.of((fixture.tables.lexicon ?? []) as unknown as LexiconChunk[], () => 'none');
      const buyers =
        fixture.version < 3
          ? ((fixture.tables.buyers ?? []) as unknown as BuyerRecord[])
          : ((fixture.tables.buyerShards ?? []) as unknown as BuyerShard[]).flatMap((s) =>
              s.docs.map((doc, i) => decodeBuyer(doc, s.keys[i]!, lexicon)),
            );
      expect(buyers.length).toBeGreaterThan(0);
      for (const b of buyers) expect(await getBuyer(target, b.id), b.id).toEqual(b);
      expect(await buyerCount(target)).toBe(buyers.length);
      for (const name of ['notes', 'tags', 'concerns', 'templates', 'coupons', 'reminders', 'contactLog']) {
        expect((await target.table(name).toArray()).map((r: { id: string }) => r.id).sort(), name).toEqual(
          (fixture.tables[name] ?? []).map((r) => r.id).sort(),
        );
      }
      // The profile's own data is gone: the restore replaced it.
      expect(await getBuyer(target, 'taobao:买家1')).toBeUndefined();
    });
  }
});

describe('the supervisor PIN and backups', () => {
  const PIN_ITERATIONS = 1000;

  it('a backup never holds the PIN hash or its lock-out', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    await setPin(source, { current: null, next: '2580', by: '主管' }, 1, PIN_ITERATIONS);
    const pin = (await loadPinRecord(source))!;
    const text = await backupText(source);
    expect(text).not.toContain(PIN_SETTING_KEY);
    expect(text).not.toContain(pin.hash);
    expect(text).not.toContain(pin.salt);
    // And the file is whole without it.
    expect((await checkBackup(file(text), source)).ok).toBe(true);
  });

  it('restoring keeps the PIN this browser has, whether the backup was taken before a PIN was set or not', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    const noPin = await backupText(source);
    const target = fresh((name) => new HuitoukeDb(name));
    await setPin(target, { current: null, next: '1357', by: '主管' }, 1, PIN_ITERATIONS);
    const before = await loadPinRecord(target);
    const report = await restoreText(target, noPin);
    expect(report.ok).toBe(true);
    expect(await loadPinRecord(target)).toEqual(before);
    expect(await verifyPin(target, '1357', 2)).toEqual({ ok: true });
    expect(await buyerCount(target)).toBe(50);
  });

  it('a backup made by an older version with the PIN in it restores without it: a PIN stays, no PIN stays none', async () => {
    const source = fresh((name) => new HuitoukeDb(name));
    await fill(source);
    await setPin(source, { current: null, next: '2580', by: '主管' }, 1, PIN_ITERATIONS);
    const pin = await source.settings.get(PIN_SETTING_KEY);
    // As the version before this one wrote it: the PIN row among the settings.
    const withPin = consistent(
      await backupText(source),
      (f) => void f.tables.settings!.push(pin as unknown as Record<string, unknown>),
    );
    expect(withPin).toContain(PIN_SETTING_KEY);

    const open = fresh((name) => new HuitoukeDb(name));
    const info = await checked(withPin, open);
    expect(info.hasPin).toBe(true);
    const report = await restoreBackup(open, file(withPin), info, { now: 5 });
    expect(report).toMatchObject({ ok: true, pinKept: true });
    expect((await pinStatus(open, 6)).set).toBe(false);

    const locked = fresh((name) => new HuitoukeDb(name));
    await setPin(locked, { current: null, next: '1357', by: '主管' }, 1, PIN_ITERATIONS);
    await verifyPin(locked, '0000', 2);
    const before = await loadPinRecord(locked);
    expect(before?.failures).toBe(1);
    expect((await restoreText(locked, withPin)).ok).toBe(true);
    expect(await loadPinRecord(locked)).toEqual(before);
  });
});

describe('every table of the current database', () => {
  it('has a row schema, so a restore checks every row it writes', () => {
    const db = new HuitoukeDb(`schemas-${Math.random().toString(36).slice(2)}`);
    const missing = db.tables.map((t) => t.name).filter((name) => !hasRowSchema(name));
    expect(missing).toEqual([]);
  });
});
