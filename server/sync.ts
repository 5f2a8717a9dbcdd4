import type { Change, ChangeResult, PullResponse, PushResponse, Role, ServerRecord } from '../lib/sync/protocol';
import type { SyncKind } from '../lib/sync/kinds';
import { applyChange, RecordMetaSchema, type StoredVersion } from '../lib/sync/rules';
import type { Sql } from './db';

/**
 * Push and pull in PostgreSQL, with lib/sync's rules. A push locks its shop's row first: pushes of
 * one shop run one after another (on any instance), each version gets the next number of the
 * shop's sequence, and the numbers become visible in order at commit — a pull's cursor never
 * passes a version that commits later. The NOTIFY sent in the transaction goes out at commit.
 */

interface RecordRow {
  kind: SyncKind;
  id: string;
  seq: number;
  data: Record<string, unknown>;
  meta: unknown;
  author: string | null;
}

const view = (r: Pick<RecordRow, 'kind' | 'id' | 'seq' | 'data' | 'author'>): ServerRecord => ({
  kind: r.kind,
  id: r.id,
  seq: r.seq,
  data: r.data,
  author: r.author,
});

export async function push(
  sql: Sql,
  shopId: string,
  member: { id: string; role: Role },
  changes: readonly Change[],
): Promise<PushResponse> {
  const out = await sql.transaction(async (tx) => {
    const shop = await tx.query<{ seq: number }>('SELECT seq FROM shops WHERE id = $1 FOR UPDATE', [shopId]);
    let seq = shop.rows[0]!.seq;
    const ids = changes.map((c) => c.changeId);
    const seen = await tx.query<{ change_id: string; status: string; seq: number | null }>(
      'SELECT change_id, status, seq FROM applied_changes WHERE member_id = $1 AND change_id = ANY($2::text[])',
      [member.id, ids],
    );
    const answered = new Map(seen.rows.map((r) => [r.change_id, r]));
    const keys = changes.map((c) => ({ kind: c.kind, id: c.id }));
    const current = await tx.query<RecordRow>(
      `SELECT r.kind, r.id, r.seq, r.data, r.meta, r.author FROM records r
       JOIN jsonb_to_recordset($2::jsonb) AS k(kind text, id text) ON r.kind = k.kind AND r.id = k.id
       WHERE r.shop_id = $1`,
      [shopId, JSON.stringify(keys)],
    );
    const state = new Map<string, StoredVersion & { author: string | null }>();
    for (const r of current.rows)
      state.set(`${r.kind}\u0000${r.id}`, {
        data: r.data,
        seq: r.seq,
        meta: RecordMetaSchema.parse(r.meta),
        author: r.author,
      });

    const results: ChangeResult[] = [];
    const written = new Map<string, RecordRow & { meta: StoredVersion['meta'] }>();
    const newlyAnswered: { change_id: string; status: string; seq: number | null }[] = [];
    for (const change of changes) {
      const before = answered.get(change.changeId);
      if (before) {
        results.push({ changeId: change.changeId, status: 'duplicate', ...(before.seq ? { seq: before.seq } : {}) });
        continue;
      }
      const key = `${change.kind}\u0000${change.id}`;
      const cur = state.get(key);
      const outcome = applyChange(cur, change, { seq: seq + 1, memberId: member.id, role: member.role });
      if (outcome.status === 'rejected') {
        // Not remembered: the same change may pass once the record exists (an incomplete one) — and it changed nothing.
        results.push({
          changeId: change.changeId,
          status: 'rejected',
          reason: outcome.reason,
          ...(outcome.detail ? { detail: outcome.detail } : {}),
          current: cur
            ? view({ kind: change.kind, id: change.id, seq: cur.seq, data: cur.data, author: cur.author })
            : null,
        });
        continue;
      }
      let thisSeq: number | null = null;
      if (outcome.status === 'applied') {
        seq += 1;
        thisSeq = seq;
        const author = cur?.author ?? member.id;
        state.set(key, { data: outcome.data, meta: outcome.meta, seq, author });
        written.set(key, { kind: change.kind, id: change.id, seq, data: outcome.data, meta: outcome.meta, author });
      }
      const entry = { change_id: change.changeId, status: outcome.status, seq: thisSeq };
      answered.set(change.changeId, entry);
      newlyAnswered.push(entry);
      results.push({
        changeId: change.changeId,
        status: outcome.status,
        ...(thisSeq ? { seq: thisSeq } : {}),
        // A superseded change: the server's record, which the browser puts back.
        ...(outcome.status === 'superseded' && cur
          ? { current: view({ kind: change.kind, id: change.id, seq: cur.seq, data: cur.data, author: cur.author }) }
          : {}),
      });
    }

    if (written.size) {
      await tx.query(
        `INSERT INTO records (shop_id, kind, id, seq, data, meta, author)
         SELECT $1, w.kind, w.id, w.seq, w.data, w.meta, w.author FROM jsonb_to_recordset($2::jsonb) AS w(kind text, id text, seq bigint, data jsonb, meta jsonb, author text)
         ON CONFLICT (shop_id, kind, id) DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data, meta = EXCLUDED.meta`,
        [shopId, JSON.stringify([...written.values()])],
      );
      await tx.query('UPDATE shops SET seq = $2, last_change_at = now() WHERE id = $1', [shopId, seq]);
      await tx.query("SELECT pg_notify('htk_change', $1)", [JSON.stringify({ shop: shopId, head: seq })]);
    }
    if (newlyAnswered.length) {
      await tx.query(
        `INSERT INTO applied_changes (member_id, change_id, status, seq)
         SELECT $1, a.change_id, a.status, a.seq FROM jsonb_to_recordset($2::jsonb) AS a(change_id text, status text, seq bigint)
         ON CONFLICT DO NOTHING`,
        [member.id, JSON.stringify(newlyAnswered)],
      );
    }
    return { results, head: seq };
  });
  // Answered change ids are needed while a browser may still re-push (a lost answer is retried at
  // its next sync); after 90 days they go, now and then, by whoever comes by.
  if (Math.random() < 0.001) await sql.query("DELETE FROM applied_changes WHERE at < now() - interval '90 days'");
  return out;
}

export async function pull(sql: Sql, shopId: string, since: number, limit: number): Promise<PullResponse> {
  const { rows } = await sql.query<RecordRow>(
    'SELECT kind, id, seq, data, author FROM records WHERE shop_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [shopId, since, limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { records: page.map(view), next: page.length ? page[page.length - 1]!.seq : since, more };
}

export async function head(sql: Sql, shopId: string): Promise<number> {
  const { rows } = await sql.query<{ seq: number }>('SELECT seq FROM shops WHERE id = $1', [shopId]);
  return rows[0]?.seq ?? 0;
}
