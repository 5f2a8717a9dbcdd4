import type { SyncKind } from './kinds';
import {
  MAX_PULL_RECORDS,
  PullResponseSchema,
  PushResponseSchema,
  type Change,
  type ChangeResult,
  type LiveEvent,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type ServerRecord,
} from './protocol';
import type { PendingChange } from './rules';

/**
 * The browser's side of sync, with nothing of the browser in it: the network is a `SyncTransport`
 * (http.ts has the fetch one) and local storage a `SyncStore` (memory-store.ts has one in memory;
 * the extension's will keep the outbox and cursor in IndexedDB beside its records).
 *
 * Offline first: every local change is noted in the outbox at once (`noteChange`), and `sync()`
 * pushes the outbox, then pulls everything past the cursor. A change pushed whose answer was lost is
 * pushed again with the same change id and the server answers `duplicate`, so nothing doubles.
 */

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullResponse>;
}

/** Why the transport failed: no answer (offline, try later), the token was refused, or anything else. */
export class SyncTransportError extends Error {
  constructor(
    readonly kind: 'offline' | 'unauthorized' | 'server',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

/** One unpushed change to one record. */
export interface OutboxEntry {
  changeId: string;
  kind: SyncKind;
  id: string;
  /** Fields changed; 'all' for a record made (or first shared) here. */
  fields: string[] | 'all';
  delete: boolean;
  /** When the person acted (epoch ms). */
  at: number;
  /** Server sequence of the version the local record came from (0 = none). */
  base: number;
  /** Sent at least once: a later change makes a new entry, so a re-push carries exactly what was sent. */
  sent: boolean;
}

export interface SyncStore {
  cursor(): Promise<number>;
  setCursor(seq: number): Promise<void>;
  /** Entries oldest first (at most `limit`). */
  outbox(limit?: number): Promise<OutboxEntry[]>;
  /** The newest entry for one record (an index on kind and id), if any. */
  lastEntry(kind: SyncKind, id: string): Promise<OutboxEntry | undefined>;
  /** Add or replace entries (by change id). */
  putOutbox(entries: readonly OutboxEntry[]): Promise<void>;
  dropOutbox(changeIds: readonly string[]): Promise<void>;
  /** The local record, deleted ones included (soft-deleted records carry `deletedAt`). */
  read(kind: SyncKind, id: string): Promise<Record<string, unknown> | undefined>;
  /** The server sequence the local record came from; 0 when it never came from the server. */
  baseOf(kind: SyncKind, id: string): Promise<number>;
  /**
   * Store pulled records. For each, in one transaction with the outbox: read the local record and
   * its pending change (`pendingOf`), write `rebaseRemote(record, local, pending)` when that is not
   * undefined, and remember `record.seq` as the record's base.
   */
  applyRemote(records: readonly ServerRecord[]): Promise<void>;
  /** Remove a local record the server refused and does not have. */
  removeLocal(kind: SyncKind, id: string): Promise<void>;
  /**
   * Put the server's record back over a local change it did not take (refused, or superseded by a
   * newer one: a removal older than an edit), under the outbox's newer changes; a local record
   * written after `at` (the refused change) is left for its own push. Remember `record.seq` as its base.
   */
  putBack(record: ServerRecord, at: number): Promise<void>;
}

/** What the outbox still holds for one record, as rebaseRemote takes it. */
export function pendingOf(outbox: readonly OutboxEntry[], kind: SyncKind, id: string): PendingChange | undefined {
  let fields: Set<string> | 'all' | null = null;
  let del = false;
  for (const e of outbox) {
    if (e.kind !== kind || e.id !== id) continue;
    if (e.delete) {
      del = true;
      fields = null;
      continue;
    }
    del = false;
    if (e.fields === 'all' || fields === 'all') fields = 'all';
    else {
      fields ??= new Set();
      for (const f of e.fields) fields.add(f);
    }
  }
  if (del) return { fields: [], delete: true };
  if (fields === null) return undefined;
  return { fields: fields === 'all' ? 'all' : [...fields], delete: false };
}

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'refused';

export interface SyncReport {
  status: SyncStatus;
  pushed: number;
  pulled: number;
  /** Changes the server refused (the local record was put back to the server's). */
  rejected: ChangeResult[];
  cursor: number;
}

export interface SyncEngineOptions {
  transport: SyncTransport;
  store: SyncStore;
  now?: () => number;
  /** A new change id (random, 8–64 of A–Z a–z 0–9 _ -). */
  newChangeId: () => string;
  /** Changes per push request. */
  pushBatch?: number;
  onStatus?: (status: SyncStatus) => void;
}

export interface LocalChange {
  /** Fields the person changed; 'all' (default) for a new record or one shared for the first time. */
  fields?: string[] | 'all';
  delete?: boolean;
  at?: number;
}

export class SyncEngine {
  private readonly transport: SyncTransport;
  private readonly store: SyncStore;
  private readonly now: () => number;
  private readonly newChangeId: () => string;
  private readonly pushBatch: number;
  private readonly onStatus: ((status: SyncStatus) => void) | undefined;
  private state: SyncStatus = 'idle';
  private running: Promise<SyncReport> | null = null;
  private again = false;
  /** Serialises outbox writes (noteChange and the push's marking). */
  private outboxLock: Promise<unknown> = Promise.resolve();

  constructor(options: SyncEngineOptions) {
    this.transport = options.transport;
    this.store = options.store;
    this.now = options.now ?? (() => Date.now());
    this.newChangeId = options.newChangeId;
    this.pushBatch = Math.max(1, Math.min(options.pushBatch ?? 200, 500));
    this.onStatus = options.onStatus;
  }

  get status(): SyncStatus {
    return this.state;
  }

  private setStatus(status: SyncStatus): void {
    if (status === this.state) return;
    this.state = status;
    this.onStatus?.(status);
  }

  private withOutbox<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.outboxLock.then(fn, fn);
    this.outboxLock = run.catch(() => undefined);
    return run;
  }

  /** Note a local change (call it when the record is written locally; works offline). */
  noteChange(kind: SyncKind, id: string, change: LocalChange = {}): Promise<void> {
    return this.withOutbox(async () => {
      const at = change.at ?? this.now();
      const isDelete = change.delete === true;
      const fields = change.fields ?? 'all';
      const base = await this.store.baseOf(kind, id);
      const last = await this.store.lastEntry(kind, id);
      const open = last && !last.sent ? last : undefined;
      if (!open) {
        await this.store.putOutbox([
          {
            changeId: this.newChangeId(),
            kind,
            id,
            fields: isDelete ? [] : fields,
            delete: isDelete,
            at,
            base,
            sent: false,
          },
        ]);
        return;
      }
      let merged: OutboxEntry;
      if (isDelete)
        merged = { ...open, delete: true, fields: [], at: Math.max(open.at, at), base: Math.max(open.base, base) };
      else if (open.delete)
        merged = { ...open, delete: false, fields: 'all', at: Math.max(open.at, at), base: Math.max(open.base, base) };
      else {
        const union: string[] | 'all' =
          open.fields === 'all' || fields === 'all' ? 'all' : [...new Set([...open.fields, ...fields])];
        merged = { ...open, fields: union, at: Math.max(open.at, at), base: Math.max(open.base, base) };
      }
      await this.store.putOutbox([merged]);
    });
  }

  /** Share records that exist locally but were never pushed (the first connection). */
  async noteAll(kind: SyncKind, ids: Iterable<string>, at = this.now()): Promise<void> {
    for (const id of ids) await this.noteChange(kind, id, { fields: 'all', at });
  }

  /** React to the live stream: a newer head means a pull; `revoked` stops syncing. */
  onLive(event: LiveEvent): void {
    if (event.type === 'revoked') {
      this.setStatus('refused');
      return;
    }
    if (event.type === 'buyers') return;
    void this.store.cursor().then((cursor) => {
      if (event.head > cursor) void this.sync().catch(() => undefined);
    });
  }

  /** Push the outbox, then pull to the newest version. Concurrent calls share one run (and one more after it). */
  sync(): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      let report: SyncReport;
      do {
        this.again = false;
        report = await this.syncOnce();
      } while (this.again && report.status === 'idle');
      return report;
    })();
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  private async syncOnce(): Promise<SyncReport> {
    if (this.state === 'refused')
      return { status: 'refused', pushed: 0, pulled: 0, rejected: [], cursor: await this.store.cursor() };
    this.setStatus('syncing');
    const report: SyncReport = { status: 'idle', pushed: 0, pulled: 0, rejected: [], cursor: 0 };
    try {
      await this.pushAll(report);
      await this.pullAll(report);
      this.setStatus('idle');
    } catch (err) {
      if (err instanceof SyncTransportError && err.kind === 'unauthorized') this.setStatus('refused');
      else this.setStatus('offline');
      if (!(err instanceof SyncTransportError)) throw err;
    }
    report.status = this.state;
    report.cursor = await this.store.cursor();
    return report;
  }

  private async buildChange(e: OutboxEntry): Promise<Change> {
    const base = { changeId: e.changeId, kind: e.kind, id: e.id, at: e.at, base: e.base };
    const local = e.delete ? undefined : await this.store.read(e.kind, e.id);
    if (e.delete || !local) return { ...base, op: 'delete' };
    if (local.deletedAt !== undefined && local.deletedAt !== null)
      return { ...base, op: 'delete', at: Math.max(e.at, Number(local.deletedAt) || 0) };
    const patch: Record<string, unknown> = {};
    const unset: string[] = [];
    if (e.fields === 'all') {
      for (const [k, v] of Object.entries(local)) if (k !== 'id' && k !== 'deletedAt' && v !== undefined) patch[k] = v;
    } else {
      for (const f of e.fields) {
        if (f === 'id' || f === 'deletedAt') continue;
        if (local[f] === undefined) unset.push(f);
        else patch[f] = local[f];
      }
      if (local.updatedAt !== undefined) patch.updatedAt = local.updatedAt;
    }
    return { ...base, op: 'put', patch, ...(unset.length ? { unset } : {}) };
  }

  private async pushAll(report: SyncReport): Promise<void> {
    let retriedIncomplete = false;
    for (;;) {
      const batch = await this.withOutbox(async () => {
        const entries = await this.store.outbox(this.pushBatch);
        const unsent = entries.filter((e) => !e.sent);
        if (unsent.length) await this.store.putOutbox(unsent.map((e) => ({ ...e, sent: true })));
        return entries;
      });
      if (batch.length === 0) return;
      const changes = await Promise.all(batch.map((e) => this.buildChange(e)));
      const response = PushResponseSchema.parse(await this.transport.push({ changes }));
      const byId = new Map(response.results.map((r) => [r.changeId, r]));
      const done: string[] = [];
      const refetch: { record: ServerRecord; at: number }[] = [];
      const resend: OutboxEntry[] = [];
      for (const e of batch) {
        const result = byId.get(e.changeId);
        if (!result) continue;
        done.push(e.changeId);
        // A removal older than the last edit (or an edit older than a removal): the server's record stands.
        if (result.status === 'superseded' && result.current) refetch.push({ record: result.current, at: e.at });
        if (result.status !== 'rejected') continue;
        if (result.reason === 'incomplete' && !retriedIncomplete && (await this.store.read(e.kind, e.id))) {
          // The server never had this record: share it whole.
          resend.push({ ...e, changeId: this.newChangeId(), fields: 'all', sent: false });
          continue;
        }
        report.rejected.push(result);
        if (result.current) refetch.push({ record: result.current, at: e.at });
        else await this.store.removeLocal(e.kind, e.id);
      }
      if (done.length === 0) throw new SyncTransportError('server', 'the server answered none of the pushed changes');
      await this.withOutbox(async () => {
        await this.store.dropOutbox(done);
        if (resend.length) {
          retriedIncomplete = true;
          await this.store.putOutbox(resend);
        }
      });
      for (const r of refetch) await this.store.putBack(r.record, r.at);
      report.pushed += done.length;
    }
  }

  private async pullAll(report: SyncReport): Promise<void> {
    let cursor = await this.store.cursor();
    for (;;) {
      const page = PullResponseSchema.parse(await this.transport.pull(cursor, MAX_PULL_RECORDS));
      if (page.records.length) await this.store.applyRemote(page.records);
      report.pulled += page.records.length;
      if (page.next > cursor) {
        cursor = page.next;
        await this.store.setCursor(cursor);
      }
      if (!page.more) return;
    }
  }
}
