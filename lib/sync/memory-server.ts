import type { SyncTransport } from './engine';
import { SyncTransportError } from './engine';
import type { SyncKind } from './kinds';
import type { PullResponse, PushRequest, PushResponse, Role, ServerRecord } from './protocol';
import { applyChange, type StoredVersion } from './rules';

/**
 * The server's sync semantics in memory, one shop: applies pushes through `applyChange` in order,
 * remembers change ids, numbers versions. The engine's tests run against it; the real server
 * (server/sync.ts) does the same in PostgreSQL and is tested against it with the same cases.
 */
export class MemorySyncServer {
  head = 0;
  private readonly records = new Map<string, StoredVersion & { kind: SyncKind; id: string; author: string }>();
  private readonly seen = new Map<string, { seq?: number }>();
  /** Stop answering (offline) or refuse the token. */
  failure: 'offline' | 'unauthorized' | null = null;
  /** Apply the next push but lose its answer (the browser sees a network error). */
  loseNextAnswer = false;

  transport(memberId: string, role: Role = 'agent'): SyncTransport {
    return {
      push: async (req) => this.push(req, memberId, role),
      pull: async (since, limit) => this.pull(since, limit),
    };
  }

  private check(): void {
    if (this.failure === 'offline') throw new SyncTransportError('offline', 'offline');
    if (this.failure === 'unauthorized') throw new SyncTransportError('unauthorized', 'refused', 401);
  }

  private view(kind: SyncKind, id: string): ServerRecord | null {
    const r = this.records.get(`${kind}\u0000${id}`);
    return r ? { kind, id, seq: r.seq, data: structuredClone(r.data), author: r.author } : null;
  }

  push(req: PushRequest, memberId: string, role: Role): PushResponse {
    this.check();
    const results: PushResponse['results'] = [];
    for (const change of req.changes) {
      const seenKey = `${memberId}\u0000${change.changeId}`;
      const before = this.seen.get(seenKey);
      if (before) {
        results.push({ changeId: change.changeId, status: 'duplicate', ...(before.seq ? { seq: before.seq } : {}) });
        continue;
      }
      const key = `${change.kind}\u0000${change.id}`;
      const current = this.records.get(key);
      const outcome = applyChange(current, change, { seq: this.head + 1, memberId, role });
      if (outcome.status === 'applied') {
        this.head += 1;
        this.records.set(key, {
          kind: change.kind,
          id: change.id,
          data: outcome.data,
          meta: outcome.meta,
          seq: this.head,
          author: current?.author ?? memberId,
        });
        this.seen.set(seenKey, { seq: this.head });
        results.push({ changeId: change.changeId, status: 'applied', seq: this.head });
      } else if (outcome.status === 'rejected') {
        results.push({
          changeId: change.changeId,
          status: 'rejected',
          reason: outcome.reason,
          ...(outcome.detail ? { detail: outcome.detail } : {}),
          current: this.view(change.kind, change.id),
        });
      } else {
        this.seen.set(seenKey, {});
        results.push({
          changeId: change.changeId,
          status: outcome.status,
          ...(outcome.status === 'superseded' ? { current: this.view(change.kind, change.id) } : {}),
        });
      }
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new SyncTransportError('offline', 'answer lost');
    }
    return { results, head: this.head };
  }

  pull(since: number, limit: number): PullResponse {
    this.check();
    const newer = [...this.records.values()].filter((r) => r.seq > since).sort((a, b) => a.seq - b.seq);
    const page = newer.slice(0, limit);
    return {
      records: page.map((r) => ({
        kind: r.kind,
        id: r.id,
        seq: r.seq,
        data: structuredClone(r.data),
        author: r.author,
      })),
      next: page.length ? page[page.length - 1]!.seq : since,
      more: newer.length > limit,
    };
  }

  get(kind: SyncKind, id: string): Record<string, unknown> | undefined {
    return this.view(kind, id)?.data;
  }

  count(kind: SyncKind): number {
    return [...this.records.values()].filter((r) => r.kind === kind && r.data.deletedAt === undefined).length;
  }
}
