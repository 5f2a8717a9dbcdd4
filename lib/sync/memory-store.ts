import { pendingOf, type OutboxEntry, type SyncStore } from './engine';
import type { SyncKind } from './kinds';
import type { ServerRecord } from './protocol';
import { rebaseRemote } from './rules';

/**
 * A SyncStore in memory: the tests' and the team bench's browser. Every method runs to the end
 * without awaiting anything in between, which is the transaction the interface asks for.
 */
export class MemorySyncStore implements SyncStore {
  private seq = 0;
  private entries: OutboxEntry[] = [];
  private readonly records = new Map<string, Record<string, unknown>>();
  private readonly bases = new Map<string, number>();

  private key(kind: SyncKind, id: string): string {
    return `${kind}\u0000${id}`;
  }

  /** Write a record locally, as the extension's own code would (the caller notes the change). */
  write(kind: SyncKind, record: Record<string, unknown> & { id: string }): void {
    this.records.set(this.key(kind, record.id), structuredClone(record));
  }

  /** Live and deleted records of a kind. */
  all(kind: SyncKind): Record<string, unknown>[] {
    const prefix = `${kind}\u0000`;
    return [...this.records.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
  }

  /** Live records of a kind. */
  live(kind: SyncKind): Record<string, unknown>[] {
    return this.all(kind).filter((r) => r.deletedAt === undefined);
  }

  async cursor(): Promise<number> {
    return this.seq;
  }
  async setCursor(seq: number): Promise<void> {
    this.seq = seq;
  }
  async outbox(limit = Infinity): Promise<OutboxEntry[]> {
    return this.entries.slice(0, limit).map((e) => ({ ...e }));
  }
  async lastEntry(kind: SyncKind, id: string): Promise<OutboxEntry | undefined> {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.kind === kind && e.id === id) return { ...e };
    }
    return undefined;
  }
  async putOutbox(entries: readonly OutboxEntry[]): Promise<void> {
    for (const e of entries) {
      const i = this.entries.findIndex((x) => x.changeId === e.changeId);
      if (i >= 0) this.entries[i] = { ...e };
      else this.entries.push({ ...e });
    }
  }
  async dropOutbox(changeIds: readonly string[]): Promise<void> {
    const drop = new Set(changeIds);
    this.entries = this.entries.filter((e) => !drop.has(e.changeId));
  }
  async read(kind: SyncKind, id: string): Promise<Record<string, unknown> | undefined> {
    const r = this.records.get(this.key(kind, id));
    return r ? structuredClone(r) : undefined;
  }
  async baseOf(kind: SyncKind, id: string): Promise<number> {
    return this.bases.get(this.key(kind, id)) ?? 0;
  }
  async applyRemote(records: readonly ServerRecord[]): Promise<void> {
    for (const rec of records) {
      const key = this.key(rec.kind, rec.id);
      const next = rebaseRemote(rec, this.records.get(key), pendingOf(this.entries, rec.kind, rec.id));
      if (next !== undefined) this.records.set(key, structuredClone(next));
      this.bases.set(key, Math.max(this.bases.get(key) ?? 0, rec.seq));
    }
  }
  async putBack(rec: ServerRecord, at: number): Promise<void> {
    const key = this.key(rec.kind, rec.id);
    const local = this.records.get(key);
    if (!(local && typeof local.updatedAt === 'number' && local.updatedAt > at)) {
      const next = rebaseRemote(rec, local, pendingOf(this.entries, rec.kind, rec.id));
      if (next !== undefined) this.records.set(key, structuredClone(next));
    }
    this.bases.set(key, Math.max(this.bases.get(key) ?? 0, rec.seq));
  }
  async removeLocal(kind: SyncKind, id: string): Promise<void> {
    this.records.delete(this.key(kind, id));
  }
}
