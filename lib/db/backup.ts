import { toFieldIssues, type FieldIssue } from '../i18n/zod-issues';
import Dexie, { type Table, type Transaction } from 'dexie';
import { z } from 'zod';
import { CouponRuleSchema, CouponSchema } from '../coupons/schema';
import { ReminderSchema } from '../reminders/schema';
import { TemplateSchema } from '../templates/schema';
import { canonicalJson, Checksum } from '../playbook/canonical';
import type { ImportSource } from '../import/source';
import { BackupJsonError, BackupJsonReader } from './backup-json';
import { BuyerShardSchema } from './buyer-shards';
import { ContactRecordSchema } from './contact-log';
import type { DataLock } from './data-lock';
import { HuitoukeDb } from './database';
import { LexiconChunkSchema } from './lexicon';
import { BuyerBirthdaySchema } from './birthdays';
import { LiveOrderSchema, OrderLinkSchema } from '../sync/kinds';
import { ProductCategorySchema } from '../categories/table';
import { TemplateVersionSchema } from './playbook';
import {
  BuyerNoteSchema,
  BuyerTagSchema,
  ConcernRecordSchema,
  ImportRunSchema,
  OrphanBucketSchema,
  SettingRecordSchema,
} from './records';
import { SCHEMA_VERSIONS } from './schema-versions';
import { PIN_SETTING_KEY } from './supervisor-lock';
import { newRestoreMark, RESTORE_MARK_KEY } from './restore-mark';

/**
 * Full backup and restore of the extension's database as one JSON file.
 *
 * The file names the database version it was taken from and carries each table's schema, a row
 * count and a checksum per table. Every table of that version must be in it (a missing table would
 * be emptied by the restore). The file is read as a stream, row by row (backup-json.ts), never whole:
 * {@link checkBackup} reads it once before anything is touched — shape, version, tables, each row
 * against its table's schema, counts and checksums against the file's manifest — and
 * {@link restoreBackup} reads it again while writing, in one transaction that checks the same again
 * and reads every table back before it commits (all or nothing). A backup from an older database
 * version is first written into a scratch database of that version, which the current code then
 * opens — so it goes through the same upgrade functions as an installed extension would.
 *
 * The supervisor PIN is never in a backup, and a restore keeps the PIN this browser has (a file
 * from an older version that carries one is restored without it).
 */
export const BACKUP_FORMAT = 'huitouke-backup';
export const BACKUP_FORMAT_VERSION = 1;
const BATCH = 2000;

export const BackupManifestSchema = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  checksums: z.record(z.string(), z.string()),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

type AnyTable = Table<Record<string, unknown>, unknown>;
type Row = Record<string, unknown>;

/** The settings rows of the supervisor PIN (its hash and its lock-out): never backed up, never restored over. */
export function isPinRow(table: string, row: Row): boolean {
  return table === 'settings' && typeof row.key === 'string' && row.key.startsWith(PIN_SETTING_KEY);
}

/**
 * The settings row a restore writes in its own transaction (`RESTORE_MARK_KEY`, a new id each
 * time): team sync sees it and rebuilds its sync state (lib/db/sync-store.ts). Like the PIN rows it
 * belongs to this browser: never backed up, never restored over.
 */
export function isKeptRow(table: string, row: Row): boolean {
  return isPinRow(table, row) || (table === 'settings' && row.key === RESTORE_MARK_KEY);
}

/** Record schemas of the current tables; a row that does not parse is refused with its table and number. */
const ROW_SCHEMAS: Record<string, z.ZodType> = {
  buyerShards: BuyerShardSchema.refine(
    (s) => s.keys.length === s.docs.length && s.aliasNicks.length === s.aliasKeys.length,
    { message: 'keys and docs differ in number', path: ['docs'] },
  ),
  lexicon: LexiconChunkSchema,
  orphans: OrphanBucketSchema,
  importRuns: ImportRunSchema,
  notes: BuyerNoteSchema,
  tags: BuyerTagSchema,
  concerns: ConcernRecordSchema,
  settings: SettingRecordSchema,
  templates: TemplateSchema,
  templateVersions: TemplateVersionSchema,
  coupons: CouponSchema,
  couponRules: CouponRuleSchema,
  reminders: ReminderSchema,
  contactLog: ContactRecordSchema,
  birthdays: BuyerBirthdaySchema,
  productCategories: ProductCategorySchema,
  orderLinks: OrderLinkSchema,
  liveOrders: LiveOrderSchema,
};

function storeSpec(table: Table): string {
  return [table.schema.primKey.src, ...table.schema.indexes.map((i) => i.src)].join(', ');
}

/** Rows of a table in primary-key order, a batch at a time (a shop's buyers do not fit one array). */
async function* rowsOf(table: AnyTable): AsyncGenerator<Row[]> {
  let rows = await table.orderBy(':id').limit(BATCH).toArray();
  while (rows.length > 0) {
    yield rows;
    if (rows.length < BATCH) return;
    rows = await table
      .where(':id')
      .above(keyOf(table, rows[rows.length - 1]!))
      .limit(BATCH)
      .toArray();
  }
}

function keyOf(table: AnyTable, row: Row): unknown {
  const path = table.schema.primKey.keyPath;
  if (Array.isArray(path)) return path.map((p) => row[p]);
  return path ? row[path] : undefined;
}

export interface TableSummary {
  count: number;
  checksum: string;
}

/** Count and checksum of rows as they pass. */
class Summer {
  private sum = new Checksum();
  count = 0;
  add(row: unknown): void {
    this.sum.update(canonicalJson(row));
    this.count++;
  }
  get summary(): TableSummary {
    return { count: this.count, checksum: this.sum.digest() };
  }
}

/** Count and checksum of a table as stored now (the PIN rows left out), in primary-key order. */
export async function summarizeTable(table: AnyTable): Promise<TableSummary> {
  const sum = new Summer();
  for await (const batch of rowsOf(table)) for (const row of batch) if (!isKeptRow(table.name, row)) sum.add(row);
  return sum.summary;
}

export interface BackupProgress {
  table: string;
  rows: number;
}

/**
 * The backup as JSON text in pieces, for a Blob: tables are read in batches and never held whole
 * in one string. The manifest comes last because it is computed while the rows stream past.
 */
export async function* backupChunks(
  db: Dexie,
  now: number,
  onProgress?: (p: BackupProgress) => void,
): AsyncGenerator<string> {
  const tables = [...db.tables].sort((a, b) => (a.name < b.name ? -1 : 1)) as AnyTable[];
  const schema = Object.fromEntries(tables.map((t) => [t.name, storeSpec(t)]));
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"formatVersion":${BACKUP_FORMAT_VERSION},"dbVersion":${db.verno},"createdAt":${now},\n"schema":${JSON.stringify(schema)},\n"tables":{`;
  const manifest: BackupManifest = { counts: {}, checksums: {} };
  for (const [ti, table] of tables.entries()) {
    yield `${ti ? ',' : ''}\n${JSON.stringify(table.name)}:[`;
    const sum = new Summer();
    for await (const batch of rowsOf(table)) {
      const parts: string[] = [];
      for (const row of batch) {
        if (isKeptRow(table.name, row)) continue;
        sum.add(row);
        parts.push(JSON.stringify(row));
      }
      if (parts.length) yield (sum.count > parts.length ? ',\n' : '\n') + parts.join(',\n');
      onProgress?.({ table: table.name, rows: sum.count });
    }
    manifest.counts[table.name] = sum.count;
    manifest.checksums[table.name] = sum.summary.checksum;
    yield ']';
  }
  yield `},\n"manifest":${JSON.stringify(manifest)}}\n`;
}

export type BackupProblem =
  | { kind: 'notJson'; line: number; column: number; detail: string }
  | { kind: 'tooDeep'; line: number; column: number }
  | { kind: 'notABackup' }
  | { kind: 'newerVersion'; dbVersion: number }
  | { kind: 'unknownVersion'; dbVersion: number }
  | { kind: 'missingTables'; tables: string[] }
  | { kind: 'unknownTables'; dbVersion: number; tables: string[] }
  | { kind: 'damaged'; tables: string[] }
  /** `row` counts from 1 in the file's table (after an upgrade: in the upgraded table). */
  | { kind: 'badRow'; table: string; row: number; field: string; issue: FieldIssue };

/** A backup file whose check failed: the restore refuses it without touching anything. */
export class BackupRefused extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`backup refused: ${problem.kind}`);
    this.name = 'BackupRefused';
  }
}

/** What the check learnt of a file (nothing of its rows is kept). */
export interface BackupInfo {
  dbVersion: number;
  createdAt: number;
  /** Rows per table in the file, and their checksums (a file changed before the restore is refused). */
  counts: Record<string, number>;
  checksums: Record<string, string>;
  rows: number;
  /** The file carries a supervisor PIN (made by an older version); it is not restored. */
  hasPin: boolean;
}

const HeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  dbVersion: z.number().int().positive(),
  createdAt: z.number(),
  schema: z.record(z.string(), z.string()),
  manifest: BackupManifestSchema,
});

/** Tables of a released database version (SCHEMA_VERSIONS), or null for a version this code does not know. */
export function tablesOfVersion(version: number): Map<string, string> | null {
  if (!SCHEMA_VERSIONS.some((v) => v.version === version)) return null;
  const tables = new Map<string, string>();
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > version) break;
    for (const [name, spec] of Object.entries(v.stores)) {
      if (spec === null) tables.delete(name);
      else tables.set(name, spec);
    }
  }
  return tables;
}

/** Whether rows of this table are checked against a record schema (every current table is). */
export const hasRowSchema = (table: string): boolean => table in ROW_SCHEMAS;

/** The tables a backup of `version` must hold, restoring into `db`. */
function requiredTables(version: number, db: Dexie): string[] | null {
  if (version === db.verno) return db.tables.map((t) => t.name);
  const known = tablesOfVersion(version);
  return known ? [...known.keys()] : null;
}

/** The first problem of a row against its table's schema, or null. */
function rowProblem(table: string, row: unknown, index: number, primKey: string | undefined): BackupProblem | null {
  const schema = ROW_SCHEMAS[table];
  if (schema) {
    const parsed = schema.safeParse(row);
    if (parsed.success) return null;
    const issue = parsed.error.issues[0]!;
    return {
      kind: 'badRow',
      table,
      row: index + 1,
      field: issue.path.join('.') || '—',
      issue: toFieldIssues([issue])[0]!,
    };
  }
  // A table without a schema (a version this code only knows by name): at least a record with its key.
  const key = primKey ? (row as Row | null)?.[primKey] : 0;
  if (
    typeof row === 'object' &&
    row !== null &&
    !Array.isArray(row) &&
    (typeof key === 'string' || typeof key === 'number')
  )
    return null;
  return {
    kind: 'badRow',
    table,
    row: index + 1,
    field: primKey ?? '—',
    issue: { path: primKey ? [primKey] : [], code: 'invalid_type', expected: 'object' },
  };
}

/** Each file chunk as text. */
async function* textOf(
  source: ImportSource,
  wait: <T>(p: () => Promise<T>) => Promise<T> = (p) => p(),
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunks = source.chunks()[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await wait(() => chunks.next());
      if (next.done) break;
      yield decoder.decode(next.value, { stream: true });
    }
    yield decoder.decode();
  } finally {
    await wait(async () => chunks.return?.());
  }
}

/**
 * One pass over the file: its header and manifest, each row handed to `onRow` (after the reader
 * parsed it), and the per-table summaries of every row. `onRow` may return a promise (the restore
 * writes), which is awaited before the next chunk is read; `wait` wraps the file reads (inside a
 * transaction, Dexie.waitFor keeps it alive).
 */
async function readFile(
  source: ImportSource,
  onRow: (table: string, row: Row, index: number) => void,
  flush: () => Promise<void> | void,
  wait?: <T>(p: () => Promise<T>) => Promise<T>,
) {
  const header: Record<string, unknown> = {};
  const sums = new Map<string, Summer>();
  const order: string[] = [];
  let duplicate: string | null = null;
  const reader = new BackupJsonReader({
    member: (key, value) => void (header[key] = value),
    tableStart: (name) => {
      if (sums.has(name)) duplicate ??= name;
      else {
        sums.set(name, new Summer());
        order.push(name);
      }
    },
    row: (table, value, index) => {
      sums.get(table)!.add(value);
      onRow(table, value as Row, index);
    },
  });
  for await (const text of textOf(source, wait)) {
    reader.push(text);
    await flush();
  }
  reader.end();
  return { header, sums, order, duplicate };
}

/** A reading problem as the check reports it. */
function readingProblem(error: unknown): BackupProblem | null {
  if (error instanceof BackupJsonError) {
    if (error.kind === 'tooDeep') return { kind: 'tooDeep', line: error.line, column: error.column };
    if (error.kind === 'shape') return { kind: 'notABackup' };
    return {
      kind: 'notJson',
      line: error.line,
      column: error.column,
      detail: error.kind === 'truncated' ? 'cut short' : error.detail,
    };
  }
  if (error instanceof TypeError && /decode|encoding|utf/i.test(error.message))
    return { kind: 'notJson', line: 1, column: 1, detail: 'not UTF-8 text' };
  return null;
}

/**
 * Check a backup file against itself and this database before anything is touched: it must be one
 * whole backup of a known version not newer than `db`, hold every table of that version and no
 * other, each row must parse with its table's schema (for the current version; an older one is
 * checked after its upgrade, see {@link restoreBackup}), and each table must match its count and
 * checksum in the manifest. Reads the file as a stream and keeps no row.
 */
export async function checkBackup(
  source: ImportSource,
  db: Dexie,
  onProgress?: (p: BackupProgress) => void,
): Promise<{ ok: true; info: BackupInfo } | { ok: false; problem: BackupProblem }> {
  try {
    return { ok: true, info: await verify(source, db, db.verno, onProgress) };
  } catch (error) {
    if (error instanceof BackupRefused) return { ok: false, problem: error.problem };
    const problem = readingProblem(error);
    if (problem) return { ok: false, problem };
    throw error;
  }
}

/**
 * One read of the file with every check; `write` (the restore) gets the rows to store and `flush`
 * stores them. Throws BackupRefused (or a reading error) on the first problem that stops it.
 */
async function verify(
  source: ImportSource,
  db: Dexie,
  current: number,
  onProgress?: (p: BackupProgress) => void,
  write?: {
    row: (table: string, row: Row) => void;
    flush: () => Promise<void>;
    wait: <T>(p: () => Promise<T>) => Promise<T>;
  },
): Promise<BackupInfo> {
  const primKeys = new Map(
    db.tables.map((t) => [t.name, typeof t.schema.primKey.keyPath === 'string' ? t.schema.primKey.keyPath : undefined]),
  );
  let badRow: BackupProblem | null = null;
  let hasPin = false;
  let lastTable = '';
  let rowsInTable = 0;
  // Rows are checked against today's schemas; whether that applies is known once the header is read
  // (it comes first in files this code writes, but any order is valid JSON): the first problem is kept until then.
  const { header, sums, order, duplicate } = await readFile(
    source,
    (table, row, index) => {
      const pin = isPinRow(table, row);
      if (pin) hasPin = true;
      else badRow ??= rowProblem(table, row, index, primKeys.get(table));
      // A table the target lacks is refused once the file is read; its rows are not written meanwhile.
      if (write && !pin && primKeys.has(table)) write.row(table, row);
      if (table !== lastTable) {
        lastTable = table;
        rowsInTable = 0;
      }
      if (++rowsInTable % BATCH === 0) onProgress?.({ table, rows: rowsInTable });
    },
    () => write?.flush(),
    write?.wait,
  );
  const parsed = HeaderSchema.safeParse(header);
  if (!parsed.success) throw new BackupRefused({ kind: 'notABackup' });
  const { dbVersion, createdAt, manifest } = parsed.data;
  if (dbVersion > current) throw new BackupRefused({ kind: 'newerVersion', dbVersion });
  const required = requiredTables(dbVersion, db);
  if (!required) throw new BackupRefused({ kind: 'unknownVersion', dbVersion });
  const missing = required.filter((name) => !sums.has(name));
  if (missing.length) throw new BackupRefused({ kind: 'missingTables', tables: missing });
  const unknown = order.filter((name) => !required.includes(name));
  if (unknown.length) throw new BackupRefused({ kind: 'unknownTables', dbVersion, tables: unknown });
  const damaged = order.filter((name) => {
    const s = sums.get(name)!.summary;
    return s.count !== manifest.counts[name] || s.checksum !== manifest.checksums[name];
  });
  const unlisted = Object.keys(manifest.counts).filter((name) => !sums.has(name));
  if (duplicate) damaged.push(duplicate);
  if (damaged.length || unlisted.length)
    throw new BackupRefused({ kind: 'damaged', tables: [...new Set([...damaged, ...unlisted])] });
  if (badRow && dbVersion === current) throw new BackupRefused(badRow);
  const counts = Object.fromEntries(order.map((name) => [name, sums.get(name)!.count]));
  const checksums = Object.fromEntries(order.map((name) => [name, sums.get(name)!.summary.checksum]));
  return { dbVersion, createdAt, counts, checksums, rows: Object.values(counts).reduce((a, n) => a + n, 0), hasPin };
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
  /** The file carried a supervisor PIN, which was not restored: the browser's own PIN (or none) stayed. */
  pinKept: boolean;
}

export interface RestoreOptions {
  now: number;
  /** Opens a database of the current version by name; tests pass a newer schema here. */
  openCurrent?: (name: string) => Dexie;
  onProgress?: (p: BackupProgress) => void;
  /** Keeps a restore and an import apart (data-lock.ts); the extension always passes it. */
  lock?: DataLock;
}

class CheckFailed extends Error {
  constructor(readonly tables: TableCheck[]) {
    super('restore check failed');
  }
}

const passed = (t: TableCheck) => t.restored === t.expected && t.checksumOk;

/** Rows waiting to be written, a batch per table. */
class Batches {
  private rows = new Map<string, Row[]>();
  /** Count and checksum of what was handed over to be written, per table. */
  readonly written = new Map<string, Summer>();
  constructor(
    private put: (table: string, rows: Row[]) => Promise<void>,
    private onProgress?: (p: BackupProgress) => void,
  ) {}
  add(table: string, row: Row): void {
    (this.rows.get(table) ?? this.rows.set(table, []).get(table)!).push(row);
    (this.written.get(table) ?? this.written.set(table, new Summer()).get(table)!).add(row);
  }
  async flush(all = false): Promise<void> {
    for (const [table, rows] of this.rows) {
      if (!rows.length || (!all && rows.length < BATCH)) continue;
      this.rows.set(table, []);
      await this.put(table, rows);
      this.onProgress?.({ table, rows: this.written.get(table)!.count });
    }
  }
  summary(table: string): TableSummary {
    return this.written.get(table)?.summary ?? new Summer().summary;
  }
}

/** A Dexie transaction's `waitFor` (not in its types): keeps the transaction alive while `work` runs outside it. */
function waitIn(tx: Transaction) {
  const keep = tx as unknown as { waitFor<T>(p: PromiseLike<T>): Promise<T> };
  return <T>(work: () => Promise<T>): Promise<T> => keep.waitFor(Dexie.ignoreTransaction(work));
}

/**
 * In `tx`, a transaction on every table of the database: keep the PIN rows, clear every table,
 * `fill` it (through `table`, bound to the transaction), put the PIN rows back, then read every
 * table back and compare with what `fill` says it wrote (the PIN rows left out). A failed check
 * throws, which aborts the transaction: the database is then exactly as it was before. Tables are
 * used through the transaction object, not Dexie's zone, which does not follow every await.
 */
async function replaceAll(
  tx: Transaction,
  names: readonly string[],
  fill: (table: (name: string) => AnyTable) => Promise<Map<string, TableSummary>>,
  now: number,
): Promise<TableCheck[]> {
  const table = (name: string) => tx.table(name) as AnyTable;
  const pin = names.includes('settings')
    ? await table('settings').where(':id').startsWith(PIN_SETTING_KEY).toArray()
    : [];
  for (const name of names) await table(name).clear();
  const expected = await fill(table);
  if (pin.length) await table('settings').bulkPut(pin);
  if (names.includes('settings')) await table('settings').put(newRestoreMark(now));
  const out: TableCheck[] = [];
  for (const name of names) {
    const want = expected.get(name) ?? new Summer().summary;
    const got = await summarizeTable(table(name));
    out.push({ table: name, expected: want.count, restored: got.count, checksumOk: got.checksum === want.checksum });
  }
  if (!out.every(passed)) throw new CheckFailed(out);
  return out;
}

/**
 * Replace the whole database with a backup file that {@link checkBackup} accepted (`info`), and
 * prove nothing was lost: the file is read again inside the restore's one transaction with the
 * same checks (a file changed since its check is refused), and every table's count and checksum is
 * compared before the restore commits; on any difference nothing is changed and the report says
 * where. The supervisor PIN of this browser is kept as it is.
 */
export async function restoreBackup(
  db: Dexie,
  source: ImportSource,
  info: BackupInfo,
  opts: RestoreOptions,
): Promise<RestoreReport> {
  const run = async (): Promise<RestoreReport> => {
    try {
      return await restore(db, source, info, opts);
    } catch (e) {
      if (e instanceof CheckFailed)
        return {
          ok: false,
          rolledBack: true,
          upgradedFrom: info.dbVersion === db.verno ? null : info.dbVersion,
          tables: e.tables,
          pinKept: info.hasPin,
        };
      const problem = readingProblem(e);
      if (problem) throw new BackupRefused(problem);
      throw e;
    }
  };
  return opts.lock ? opts.lock.exclusive('restore', run) : run();
}

async function restore(
  db: Dexie,
  source: ImportSource,
  info: BackupInfo,
  opts: RestoreOptions,
): Promise<RestoreReport> {
  const names = db.tables.map((t) => t.name);
  const sameFile = (again: BackupInfo) => {
    const changed = [...new Set([...Object.keys(info.checksums), ...Object.keys(again.checksums)])].filter(
      (name) => again.checksums[name] !== info.checksums[name],
    );
    if (again.dbVersion !== info.dbVersion || changed.length)
      throw new BackupRefused({ kind: 'damaged', tables: changed });
  };
  if (info.dbVersion === db.verno) {
    const tables = await db.transaction('rw', db.tables, (tx) =>
      replaceAll(
        tx,
        names,
        async (table) => {
          const batches = new Batches(
            (name, rows) =>
              table(name)
                .bulkPut(rows)
                .then(() => {}),
            opts.onProgress,
          );
          sameFile(
            await verify(source, db, db.verno, undefined, {
              row: (name, row) => batches.add(name, row),
              flush: () => batches.flush(),
              wait: waitIn(tx),
            }),
          );
          await batches.flush(true);
          return new Map(names.map((name) => [name, batches.summary(name)]));
        },
        opts.now,
      ),
    );
    return { ok: true, rolledBack: false, upgradedFrom: null, tables, pinKept: info.hasPin };
  }

  // Older version: write it as it was, let the current code upgrade it, then copy it over.
  const scratchName = `${db.name}-restore-${opts.now}`;
  const scratch = new Dexie(scratchName);
  for (const v of SCHEMA_VERSIONS) if (v.version <= info.dbVersion) scratch.version(v.version).stores(v.stores);
  let upgraded: Dexie | null = null;
  try {
    const batches = new Batches((name, rows) =>
      scratch
        .table(name)
        .bulkPut(rows)
        .then(() => {}),
    );
    sameFile(
      await verify(source, scratch, db.verno, undefined, {
        row: (name, row) => batches.add(name, row),
        flush: () => batches.flush(),
        wait: (p) => p(),
      }),
    );
    await batches.flush(true);
    // Stored as the file says: every table the file had, row for row.
    const written: TableCheck[] = [];
    for (const table of scratch.tables as AnyTable[]) {
      const want = batches.summary(table.name);
      const got = await summarizeTable(table);
      written.push({
        table: table.name,
        expected: want.count,
        restored: got.count,
        checksumOk: got.checksum === want.checksum,
      });
    }
    if (!written.every(passed)) throw new CheckFailed(written);
    scratch.close();
    const from = (upgraded = (opts.openCurrent ?? ((name) => new HuitoukeDb(name)))(scratchName));
    await from.open();
    // The upgraded rows must be today's records: checked before the copy touches anything.
    for (const table of from.tables as AnyTable[]) {
      const key = typeof table.schema.primKey.keyPath === 'string' ? table.schema.primKey.keyPath : undefined;
      let index = 0;
      for await (const batch of rowsOf(table)) {
        for (const row of batch) {
          const problem = isKeptRow(table.name, row) ? null : rowProblem(table.name, row, index, key);
          if (problem) throw new BackupRefused(problem);
          index++;
        }
      }
    }
    const tables = await db.transaction('rw', db.tables, (tx) =>
      replaceAll(
        tx,
        names,
        async (table) => {
          const wait = waitIn(tx);
          const expected = new Map<string, TableSummary>();
          for (const name of names) {
            const source = from.tables.find((t) => t.name === name) as AnyTable | undefined;
            const sum = new Summer();
            // The scratch database is another database: its reads are waited for, outside this transaction.
            let rows = source ? await wait(() => source.orderBy(':id').limit(BATCH).toArray()) : [];
            while (rows.length) {
              const keep = rows.filter((row) => !isKeptRow(name, row));
              for (const row of keep) sum.add(row);
              await table(name).bulkPut(keep);
              opts.onProgress?.({ table: name, rows: sum.count });
              if (rows.length < BATCH) break;
              const last = keyOf(source!, rows[rows.length - 1]!);
              rows = await wait(() => source!.where(':id').above(last).limit(BATCH).toArray());
            }
            expected.set(name, sum.summary);
          }
          return expected;
        },
        opts.now,
      ),
    );
    return { ok: true, rolledBack: false, upgradedFrom: info.dbVersion, tables, pinKept: info.hasPin };
  } finally {
    scratch.close();
    upgraded?.close();
    await Dexie.delete(scratchName);
  }
}
