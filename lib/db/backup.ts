import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import { canonicalJson, Checksum } from '../playbook/canonical';
import { HuitoukeDb } from './database';

/**
 * Full backup and restore of the extension's database as one JSON file.
 *
 * The file names the database version it was taken from and carries each table's schema, a row
 * count and a checksum per table. Restoring checks the file against its own counts and checksums
 * before touching anything, replaces every table in one transaction (all or nothing), then reads
 * the tables back and compares again. A backup from an older database version is first written
 * into a scratch database of that version, which the current code then opens — so it goes through
 * the same upgrade functions as an installed extension would.
 */
export const BACKUP_FORMAT = 'huitouke-backup';
export const BACKUP_FORMAT_VERSION = 1;
const BATCH = 2000;

export const BackupManifestSchema = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  checksums: z.record(z.string(), z.string()),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  dbVersion: z.number().int().positive(),
  createdAt: z.number(),
  /** Dexie store specs by table (`id, buyerId`), so an old backup can be opened as it was. */
  schema: z.record(z.string(), z.string()),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  manifest: BackupManifestSchema,
});
export type Backup = z.infer<typeof BackupSchema>;

type AnyTable = Table<Record<string, unknown>, unknown>;

function storeSpec(table: Table): string {
  return [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(', ');
}

/** Rows of a table in primary-key order, a batch at a time (a shop's buyers do not fit one array). */
async function* rowsOf(table: AnyTable): AsyncGenerator<Record<string, unknown>[]> {
  let rows = await table.orderBy(':id').limit(BATCH).toArray();
  while (rows.length > 0) {
    yield rows;
    if (rows.length < BATCH) return;
    rows = await table.where(':id').above(keyOf(table, rows[rows.length - 1]!)).limit(BATCH).toArray();
  }
}

function keyOf(table: AnyTable, row: Record<string, unknown>): unknown {
  const path = table.schema.primKey.keyPath;
  if (Array.isArray(path)) return path.map((p) => row[p]);
  return path ? row[path] : undefined;
}

export interface TableSummary {
  count: number;
  checksum: string;
}

/** Count and checksum of a table as stored now, in primary-key order. */
export async function summarizeTable(table: AnyTable): Promise<TableSummary> {
  const sum = new Checksum();
  let count = 0;
  for await (const batch of rowsOf(table)) {
    for (const row of batch) sum.update(canonicalJson(row));
    count += batch.length;
  }
  return { count, checksum: sum.digest() };
}

function summarizeRows(rows: readonly unknown[]): TableSummary {
  const sum = new Checksum();
  for (const row of rows) sum.update(canonicalJson(row));
  return { count: rows.length, checksum: sum.digest() };
}

export interface BackupProgress {
  table: string;
  rows: number;
}

/**
 * The backup as JSON text in pieces, for a Blob: tables are read in batches and never held whole
 * in one string. The manifest comes last because it is computed while the rows stream past.
 */
export async function* backupChunks(db: Dexie, now: number, onProgress?: (p: BackupProgress) => void): AsyncGenerator<string> {
  const tables = [...db.tables].sort((a, b) => (a.name < b.name ? -1 : 1)) as AnyTable[];
  const schema = Object.fromEntries(tables.map((t) => [t.name, storeSpec(t)]));
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"formatVersion":${BACKUP_FORMAT_VERSION},"dbVersion":${db.verno},"createdAt":${now},\n"schema":${JSON.stringify(schema)},\n"tables":{`;
  const manifest: BackupManifest = { counts: {}, checksums: {} };
  for (const [ti, table] of tables.entries()) {
    yield `${ti ? ',' : ''}\n${JSON.stringify(table.name)}:[`;
    const sum = new Checksum();
    let count = 0;
    for await (const batch of rowsOf(table)) {
      const parts: string[] = [];
      for (const row of batch) {
        sum.update(canonicalJson(row));
        parts.push(JSON.stringify(row));
      }
      yield (count ? ',\n' : '\n') + parts.join(',\n');
      count += batch.length;
      onProgress?.({ table: table.name, rows: count });
    }
    manifest.counts[table.name] = count;
    manifest.checksums[table.name] = sum.digest();
    yield ']';
  }
  yield `},\n"manifest":${JSON.stringify(manifest)}}\n`;
}

export type BackupProblem =
  | { kind: 'notJson' }
  | { kind: 'notABackup' }
  | { kind: 'newerVersion'; dbVersion: number }
  | { kind: 'damaged'; tables: string[] };

/** Parse a backup file and check it against its own manifest: a damaged file is refused whole. */
export function readBackup(text: string, currentVersion: number): { ok: true; backup: Backup } | { ok: false; problem: BackupProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problem: { kind: 'notJson' } };
  }
  const parsed = BackupSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: { kind: 'notABackup' } };
  const backup = parsed.data;
  if (backup.dbVersion > currentVersion) return { ok: false, problem: { kind: 'newerVersion', dbVersion: backup.dbVersion } };
  const damaged = Object.keys(backup.manifest.counts).filter((name) => {
    const s = summarizeRows(backup.tables[name] ?? []);
    return s.count !== backup.manifest.counts[name] || s.checksum !== backup.manifest.checksums[name];
  });
  const unlisted = Object.keys(backup.tables).filter((name) => !(name in backup.manifest.counts));
  if (damaged.length || unlisted.length) return { ok: false, problem: { kind: 'damaged', tables: [...damaged, ...unlisted] } };
  return { ok: true, backup };
}

export interface TableCheck {
  table: string;
  expected: number;
  restored: number;
  /** Same content as the backup, by checksum (after an upgrade: as the upgrade left it). */
  checksumOk: boolean;
}

export interface RestoreReport {
  ok: boolean;
  /** The check failed inside the restore's transaction, so nothing was changed. */
  rolledBack: boolean;
  /** The backup's database version when it went through the upgrade path; null when it was current. */
  upgradedFrom: number | null;
  tables: TableCheck[];
}

export interface RestoreOptions {
  now: number;
  /** Opens a database of the current version by name; tests pass a newer schema here. */
  openCurrent?: (name: string) => Dexie;
  onProgress?: (p: BackupProgress) => void;
}

class CheckFailed extends Error {
  constructor(readonly tables: TableCheck[]) {
    super('restore check failed');
  }
}

const passed = (t: TableCheck) => t.restored === t.expected && t.checksumOk;

/**
 * Clear every table of `target`, fill it from `source`, and read every table back before the
 * transaction commits: the check sees exactly what the restore wrote (the background may write
 * again right after, which is not a loss). A failed check throws, which aborts the transaction:
 * the database is then exactly as it was before.
 */
async function replaceAll(
  target: Dexie,
  source: Record<string, Record<string, unknown>[]>,
  expected: Record<string, TableSummary>,
  onProgress?: (p: BackupProgress) => void,
): Promise<TableCheck[]> {
  const tables = target.tables as AnyTable[];
  return target.transaction('rw', tables, async () => {
    for (const table of tables) {
      await table.clear();
      const rows = source[table.name] ?? [];
      for (let i = 0; i < rows.length; i += BATCH) {
        await table.bulkPut(rows.slice(i, i + BATCH));
        onProgress?.({ table: table.name, rows: Math.min(i + BATCH, rows.length) });
      }
    }
    const out: TableCheck[] = [];
    for (const [name, want] of Object.entries(expected)) {
      const table = tables.find((t) => t.name === name);
      const got = table ? await summarizeTable(table) : { count: 0, checksum: '' };
      out.push({ table: name, expected: want.count, restored: got.count, checksumOk: got.checksum === want.checksum });
    }
    if (!out.every(passed)) throw new CheckFailed(out);
    return out;
  });
}

/**
 * Replace the whole database with a checked backup (from `readBackup`) and prove nothing was lost:
 * every table's count and checksum is compared before the restore commits; on any difference
 * nothing is changed and the report says where.
 */
export async function restoreBackup(db: Dexie, backup: Backup, opts: RestoreOptions): Promise<RestoreReport> {
  try {
    return await restore(db, backup, opts);
  } catch (e) {
    if (e instanceof CheckFailed) return { ok: false, rolledBack: true, upgradedFrom: backup.dbVersion === db.verno ? null : backup.dbVersion, tables: e.tables };
    throw e;
  }
}

async function restore(db: Dexie, backup: Backup, opts: RestoreOptions): Promise<RestoreReport> {
  const expected = Object.fromEntries(Object.keys(backup.manifest.counts).map((name) => [name, { count: backup.manifest.counts[name]!, checksum: backup.manifest.checksums[name]! }]));
  if (backup.dbVersion === db.verno) {
    const missing = Object.keys(backup.tables).filter((name) => !db.tables.some((t) => t.name === name));
    if (missing.length) throw new Error(`backup has tables this database lacks: ${missing.join(', ')}`);
    const tables = await replaceAll(db, backup.tables, expected, opts.onProgress);
    return { ok: true, rolledBack: false, upgradedFrom: null, tables };
  }

  // Older version: write it as it was, let the current code upgrade it, then copy it over.
  const scratchName = `${db.name}-restore-${opts.now}`;
  const scratch = new Dexie(scratchName);
  scratch.version(backup.dbVersion).stores(backup.schema);
  try {
    const written = await replaceAll(scratch, backup.tables, expected);
    scratch.close();
    const upgraded = (opts.openCurrent ?? ((name) => new HuitoukeDb(name)))(scratchName);
    await upgraded.open();
    // Read whole before writing: a transaction on `db` would commit while waiting on another database.
    const source: Record<string, Record<string, unknown>[]> = {};
    const afterUpgrade: Record<string, TableSummary> = {};
    for (const t of upgraded.tables) {
      source[t.name] = await (t as AnyTable).toArray();
      afterUpgrade[t.name] = summarizeRows(source[t.name]!);
    }
    upgraded.close();
    const copied = await replaceAll(db, source, afterUpgrade, opts.onProgress);
    // Nothing lost: the scratch copy matched the file, and every row survived upgrade and copy.
    const tables = written.map((w) => {
      const c = copied.find((x) => x.table === w.table);
      return { table: w.table, expected: w.expected, restored: c?.restored ?? 0, checksumOk: w.checksumOk && (c?.checksumOk ?? false) };
    });
    return { ok: tables.every(passed), rolledBack: false, upgradedFrom: backup.dbVersion, tables };
  } finally {
    scratch.close();
    await Dexie.delete(scratchName);
  }
}
