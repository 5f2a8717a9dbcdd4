import Dexie, { type Table } from 'dexie';
import { pendingOf, type OutboxEntry, type SyncEngine, type SyncReport, type SyncStore } from '../sync/engine';
import { restoreMarkOf } from './restore-mark';
import { isPlaybookKind, SYNC_KINDS, type SyncKind } from '../sync/kinds';
import type { ServerRecord } from '../sync/protocol';
import { rebaseRemote, type PendingChange } from '../sync/rules';
import type { HuitoukeDb } from './database';
import { playbookSettingSource, shadowKey, tableSource, templateUsageSource, type LocalSource } from './sync-sources';

/**
 * The browser's side of team sync in IndexedDB (issue 21): the outbox, the cursor and, for every
 * record that came from or went to the server, its last server version (a "shadow": its sequence
 * and data). The sync state lives in a database of its own, `huitouke-sync`, so the records'
 * database keeps its schema, backups and restores as they were; a restore or a disconnect can
 * drop the sync state without touching a record.
 *
 * Local changes are found by comparing records with their shadows (`scanLocalChanges`), not by
 * hooks on every write: records are written by the options page, the import worker and the
 * background, each with its own Dexie handle, and every write stamps `updatedAt`, which is indexed.
 * The fields that differ from the shadow are the fields the person changed, so a change carries only
 * them and two agents editing different fields of one record both keep theirs (rule 1).
 */

/** Which local table holds each kind the extension keeps in a table of its own. */
export const SYNCED_TABLES = {
  concern: 'concerns',
  note: 'notes',
  tag: 'tags',
  /** The buyer-field record today is the birthday (birthdays.ts); one per buyer, id = buyer id. */
  buyerFields: 'birthdays',
  reminder: 'reminders',
  contact: 'contactLog',
  template: 'templates',
  coupon: 'coupons',
  couponRule: 'couponRules',
  /** What a console's order panel taught (issue 19): an order tied to its buyer, an order no export has yet. */
  orderLink: 'orderLinks',
  liveOrder: 'liveOrders',
} as const satisfies Partial<Record<SyncKind, keyof HuitoukeDb>>;

export type TableSyncKind = keyof typeof SYNCED_TABLES;

/**
 * Fields a browser keeps for itself: how often this browser used a template (its own count, shared
 * as its `templateUsage` record) and the rest of the team's count. They are not pushed as changes,
 * and a pulled version keeps the local values.
 */
const LOCAL_FIELDS: Partial<Record<SyncKind, readonly string[]>> = {
  template: ['usageCount', 'lastUsedAt', 'teamUsageCount'],
};

interface OutboxRow extends OutboxEntry {
  /** Insertion order. */
  n: number;
}

interface ShadowRow {
  /** `${kind}\u0000${id}` */
  key: string;
  seq: number;
  data: Record<string, unknown>;
}

interface MetaRow {
  key: string;
  value: unknown;
}

export class SyncDb extends Dexie {
  outbox!: Table<OutboxRow, string>;
  shadows!: Table<ShadowRow, string>;
  meta!: Table<MetaRow, string>;
  constructor(name = 'huitouke-sync') {
    super(name);
    this.version(1).stores({ outbox: 'changeId, [kind+id], n', shadows: 'key', meta: 'key' });
  }
}

/** Fields whose values differ (JSON-wise) between two versions of a record; `id` never counts. */
export function changedFields(local: Record<string, unknown>, shadow: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(local), ...Object.keys(shadow)])) {
    if (k === 'id') continue;
    if (JSON.stringify(local[k]) !== JSON.stringify(shadow[k])) out.push(k);
  }
  return out;
}

const isDeleted = (r: Record<string, unknown> | undefined) =>
  r !== undefined && r.deletedAt !== undefined && r.deletedAt !== null;

/** What a record's difference from its shadow means for sync: nothing, some fields, all of it, or a deletion. */
export function localChangeOf(
  local: Record<string, unknown>,
  shadow: Record<string, unknown> | undefined,
  kind?: SyncKind,
): { fields: string[] | 'all'; delete: boolean } | null {
  if (!shadow) return isDeleted(local) ? null : { fields: 'all', delete: false };
  if (isDeleted(local)) return isDeleted(shadow) ? null : { fields: [], delete: true };
  if (isDeleted(shadow)) return { fields: 'all', delete: false };
  const own = (kind && LOCAL_FIELDS[kind]) ?? [];
  const fields = changedFields(local, shadow).filter((f) => f !== 'updatedAt' && f !== 'deletedAt' && !own.includes(f));
  return fields.length ? { fields: [...fields, 'updatedAt'], delete: false } : null;
}

function merge(a: PendingChange | undefined, fields: string[]): PendingChange | undefined {
  if (!fields.length) return a;
  if (!a) return { fields, delete: false };
  if (a.delete || a.fields === 'all') return a;
  return { fields: [...new Set([...a.fields, ...fields])], delete: false };
}

export class DexieSyncStore implements SyncStore {
  /** An agent's playbook is the server's: pulled templates and coupons replace the local ones. */
  role: 'agent' | 'supervisor' = 'agent';
  /** This browser's member id (its own template-usage records). */
  memberId = '';
  /** Sources kept outside the records' database (the background's storage: taught consoles). */
  readonly extra: Partial<Record<SyncKind, LocalSource>> = {};
  /** Pulling the shop anew after a restore: a local record without a shadow is not an unpushed change unless newer. */
  rebuilding = false;
  /** The restore mark the last scan saw; reading a record under another one means a restore came in between. */
  scannedMark: string | null | undefined = undefined;
  constructor(
    readonly records: HuitoukeDb,
    readonly sync: SyncDb,
  ) {}

  private usage: LocalSource | undefined;

  /** Where this browser keeps a kind's records; undefined for kinds it does not keep (yet). */
  source(kind: SyncKind): LocalSource | undefined {
    const extra = this.extra[kind];
    if (extra) return extra;
    if (kind === 'templateUsage') return (this.usage ??= templateUsageSource(this));
    if (kind === 'playbookSetting') return playbookSettingSource(this.records);
    if (kind in SYNCED_TABLES) return tableSource(this.records, SYNCED_TABLES[kind as TableSyncKind]);
    return undefined;
  }

  /** The kinds this browser keeps, in scan order. */
  kinds(): SyncKind[] {
    return SYNC_KINDS.filter((k) => this.source(k) !== undefined);
  }

  async cursor(): Promise<number> {
    const row = await this.sync.meta.get('cursor');
    return typeof row?.value === 'number' ? row.value : 0;
  }
  async setCursor(seq: number): Promise<void> {
    await this.sync.meta.put({ key: 'cursor', value: seq });
  }
  async outbox(limit = Infinity): Promise<OutboxEntry[]> {
    const rows = await this.sync.outbox
      .orderBy('n')
      .limit(limit === Infinity ? 1e9 : limit)
      .toArray();
    return rows.map(({ n: _n, ...e }) => e);
  }
  async outboxSize(): Promise<number> {
    return this.sync.outbox.count();
  }
  async lastEntry(kind: SyncKind, id: string): Promise<OutboxEntry | undefined> {
    const rows = await this.sync.outbox.where('[kind+id]').equals([kind, id]).sortBy('n');
    const last = rows[rows.length - 1];
    if (!last) return undefined;
    const { n: _n, ...e } = last;
    return e;
  }
  async putOutbox(entries: readonly OutboxEntry[]): Promise<void> {
    await this.sync.transaction('rw', this.sync.outbox, async () => {
      const last = await this.sync.outbox.orderBy('n').last();
      let n = last?.n ?? 0;
      for (const e of entries) {
        const old = await this.sync.outbox.get(e.changeId);
        await this.sync.outbox.put({ ...e, n: old?.n ?? ++n });
      }
    });
  }
  async dropOutbox(changeIds: readonly string[]): Promise<void> {
    await this.sync.outbox.bulkDelete([...changeIds]);
  }
  async read(kind: SyncKind, id: string): Promise<Record<string, unknown> | undefined> {
    // A push reads the record it sends: after a restore it would send the backup's version.
    if (this.scannedMark !== undefined && (await restoreMarkOf(this.records)) !== this.scannedMark)
      throw new RestoredMeanwhile();
    return this.source(kind)?.get(id);
  }
  async baseOf(kind: SyncKind, id: string): Promise<number> {
    return (await this.sync.shadows.get(shadowKey(kind, id)))?.seq ?? 0;
  }

  /**
   * Pulled records go under this browser's unpushed changes: those in the outbox, and those written
   * locally but not yet noted (the record differs from its shadow), so a pull never overwrites an
   * edit the scan has not seen yet.
   */
  async applyRemote(records: readonly ServerRecord[]): Promise<void> {
    const outbox = await this.outbox();
    for (const rec of records) {
      const key = shadowKey(rec.kind, rec.id);
      const shadow = await this.sync.shadows.get(key);
      if (shadow && shadow.seq >= rec.seq) continue;
      const source = this.source(rec.kind);
      if (source) {
        await source.update(rec.id, (local) => {
          let pending = pendingOf(outbox, rec.kind, rec.id);
          if (isPlaybookKind(rec.kind) && this.role !== 'supervisor') pending = undefined;
          else if (local && this.rebuilding && !shadow && !(Number(local.updatedAt) > Number(rec.data.updatedAt))) {
            // A restored record the server has too, not newer than the server's: the server's stands.
            pending = undefined;
          } else if (local) {
            const unnoted = localChangeOf(local, shadow?.data, rec.kind);
            if (unnoted?.delete) pending = { fields: [], delete: true };
            else if (unnoted?.fields === 'all') pending = { fields: 'all', delete: false };
            else if (unnoted) pending = merge(pending, unnoted.fields);
          }
          let next = rebaseRemote(rec, local, pending);
          const own = LOCAL_FIELDS[rec.kind];
          if (next && local && own)
            next = { ...next, ...Object.fromEntries(own.filter((f) => f in local).map((f) => [f, local[f]])) };
          return next === undefined ? undefined : { ...next, id: rec.id };
        });
      }
      await this.sync.shadows.put({ key, seq: rec.seq, data: rec.data });
      await source?.afterRemote?.(rec);
    }
  }

  async putBack(rec: ServerRecord, at: number): Promise<void> {
    const pending = pendingOf(await this.outbox(), rec.kind, rec.id);
    await this.source(rec.kind)?.update(rec.id, (local) => {
      // Written after the change the server did not take: that edit is pushed on its own.
      if (local && typeof local.updatedAt === 'number' && local.updatedAt > at) return undefined;
      let next = rebaseRemote(rec, local, isPlaybookKind(rec.kind) && this.role !== 'supervisor' ? undefined : pending);
      const own = LOCAL_FIELDS[rec.kind];
      if (next && local && own)
        next = { ...next, ...Object.fromEntries(own.filter((f) => f in local).map((f) => [f, local[f]])) };
      return next === undefined ? undefined : { ...next, id: rec.id };
    });
    await this.sync.shadows.put({ key: shadowKey(rec.kind, rec.id), seq: rec.seq, data: rec.data });
  }

  async removeLocal(kind: SyncKind, id: string): Promise<void> {
    await this.source(kind)?.remove(id);
    await this.sync.shadows.delete(shadowKey(kind, id));
  }

  /** The last server versions of one kind (id and data), or of its ids that start with `idPrefix`. */
  async shadowsOf(
    kind: SyncKind,
    idPrefix = '',
  ): Promise<{ id: string; seq: number; data: Record<string, unknown> }[]> {
    const prefix = shadowKey(kind, '');
    const rows = await this.sync.shadows.where('key').startsWith(shadowKey(kind, idPrefix)).toArray();
    return rows.map((r) => ({ id: r.key.slice(prefix.length), seq: r.seq, data: r.data }));
  }

  /** The high-water mark of the last scan, per kind. */
  async marks(): Promise<Partial<Record<SyncKind, number>>> {
    const row = await this.sync.meta.get('scanMarks');
    return (row?.value as Partial<Record<SyncKind, number>> | undefined) ?? {};
  }

  /**
   * A restore replaced the records under the shadows: forget the outbox (its changes were to records
   * the restore replaced), the shadows, the cursor, the scan marks and what the scans saw, and pull the shop anew before
   * anything is scanned (`rebuilding` until a pull reached the end).
   */
  async resetForRestore(mark: string): Promise<void> {
    await this.sync.transaction('rw', this.sync.outbox, this.sync.shadows, this.sync.meta, async () => {
      await this.sync.outbox.clear();
      await this.sync.shadows.clear();
      await this.sync.meta.bulkDelete(['cursor', 'scanMarks']);
      await this.sync.meta.where('key').startsWith('seen:').delete();
      await this.sync.meta.bulkPut([
        { key: 'restoreMark', value: mark },
        { key: 'rebuilding', value: true },
      ]);
    });
  }

  /** Forget everything of a connection (a disconnect, or a connection to another shop). */
  async reset(): Promise<void> {
    await this.sync.transaction('rw', this.sync.outbox, this.sync.shadows, this.sync.meta, async () => {
      await this.sync.outbox.clear();
      await this.sync.shadows.clear();
      await this.sync.meta.clear();
    });
  }
}

/** The records were restored from a backup while a push was reading them: the round stops and the next one rebuilds. */
export class RestoredMeanwhile extends Error {
  constructor() {
    super('the records were restored from a backup during the sync');
    this.name = 'RestoredMeanwhile';
  }
}

/**
 * One round of the background's sync: after a backup restore (a new restore mark), rebuild the
 * shadows from the server first — the server's version of every record it has stands unless the
 * restored one is newer, records only the backup has are pushed, records only the server has come
 * back — then note local changes and sync. Nothing is doubled (records keep their ids) or lost.
 */
export async function syncRound(
  store: DexieSyncStore,
  engine: SyncEngine,
  role: 'agent' | 'supervisor',
): Promise<SyncReport> {
  const mark = await restoreMarkOf(store.records);
  const seen = (await store.sync.meta.get('restoreMark'))?.value ?? null;
  if (mark !== null && mark !== seen) await store.resetForRestore(mark);
  if (await store.sync.meta.get('rebuilding')) {
    store.rebuilding = true;
    store.scannedMark = mark;
    let report: SyncReport;
    try {
      report = await engine.sync();
    } finally {
      store.rebuilding = false;
    }
    if (report.status !== 'idle') return report;
    await store.sync.meta.delete('rebuilding');
  }
  store.scannedMark = mark;
  await scanLocalChanges(store, engine, role);
  return engine.sync();
}

/** How far back before the newest local change a scan looks again (writes stamped a little earlier, clocks moved). */
const SCAN_SLACK_MS = 10 * 60_000;

/**
 * Note every local change since the last scan in the engine's outbox: records of the kinds this
 * member writes whose `updatedAt` is at or past the last mark and which differ from their shadow.
 * The first scan (no mark) reads every record, which shares what existed before the connection.
 * Sources that remove records outright also note, as deletions, records the server has and this
 * browser no longer does. Returns how many changes it noted.
 */
export async function scanLocalChanges(
  store: DexieSyncStore,
  engine: SyncEngine,
  role: 'agent' | 'supervisor',
  now = Date.now(),
): Promise<number> {
  let noted = 0;
  const marks = { ...(await store.marks()) };
  for (const kind of store.kinds()) {
    if (isPlaybookKind(kind) && role !== 'supervisor') continue;
    const source = store.source(kind)!;
    if (source.readOnly) continue;
    const mark = marks[kind];
    const rows = await source.changedSince(mark);
    let newest = 0;
    for (const row of rows) {
      const id = String(row.id);
      if (typeof row.updatedAt === 'number') newest = Math.max(newest, row.updatedAt);
      const shadow = await store.sync.shadows.get(shadowKey(kind, id));
      const change = localChangeOf(row, shadow?.data, kind);
      if (!change) continue;
      // noteChange merges this into the record's unsent entry when there is one.
      await engine.noteChange(kind, id, {
        fields: change.fields,
        delete: change.delete,
        ...(typeof row.updatedAt === 'number' ? { at: row.updatedAt } : {}),
      });
      noted++;
    }
    if (source.hardDeletes) {
      const present = new Set(
        (mark === undefined ? rows : await source.changedSince(undefined)).map((r) => String(r.id)),
      );
      // Gone since a scan saw it here is a removal. Never seen here is a pulled record another writer's
      // save of the whole list dropped (it had read the list before the pull): put back, not removed team-wide.
      const seenKey = `seen:${kind}`;
      const seen = new Set(((await store.sync.meta.get(seenKey))?.value as string[] | undefined) ?? []);
      for (const shadow of await store.shadowsOf(kind)) {
        if (present.has(shadow.id) || isDeleted(shadow.data)) continue;
        const open = await store.lastEntry(kind, shadow.id);
        if (open && !open.sent && open.delete) continue;
        if (!seen.has(shadow.id)) {
          await source.update(shadow.id, () => shadow.data);
          present.add(shadow.id);
          continue;
        }
        await engine.noteChange(kind, shadow.id, { delete: true, at: now });
        noted++;
      }
      await store.sync.meta.put({ key: seenKey, value: [...present] });
    }
    // A record from another browser may carry a later clock than ours: the mark never passes our own.
    marks[kind] = Math.max(mark ?? 0, Math.min(newest, now) - SCAN_SLACK_MS, 0);
  }
  await store.sync.meta.put({ key: 'scanMarks', value: marks });
  return noted;
}

/** Tables whose writes may be a synced change: the kinds' tables and the settings (the playbook's). */
const SYNCED_TABLE_NAMES = new Set<string>([...Object.values(SYNCED_TABLES), 'settings']);

/** Whether a Dexie `storagemutated` event (keys `idb://db/table/index`) wrote a synced table of the records' database. */
export function touchesSyncedTables(parts: Record<string, unknown>, dbName = 'huitouke'): boolean {
  const prefix = `idb://${dbName}/`;
  for (const key of Object.keys(parts)) {
    if (!key.startsWith(prefix)) continue;
    if (SYNCED_TABLE_NAMES.has(key.slice(prefix.length).split('/')[0] ?? '')) return true;
  }
  return false;
}

/** Whether it wrote anything but the sync database (whose writes nobody displays). */
export function touchesRecords(parts: Record<string, unknown>, syncDbName = 'huitouke-sync'): boolean {
  return Object.keys(parts).some((key) => !key.startsWith(`idb://${syncDbName}/`));
}
