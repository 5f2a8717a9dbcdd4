import { addDays } from '../lib/dates/local-date';
import { ConcernRecordSchema, type ConcernRecord } from '../lib/db/records';
import {
  concernCsvBody,
  concernCsvHead,
  concernJsonBody,
  CONCERN_JSON_HEAD,
  CONCERN_JSON_TAIL,
  concernRow,
  recordMatches,
  type ConcernBuyer,
  type ConcernFilter,
  type ConcernRow,
} from '../lib/export/concerns';
import { resolveLevel } from '../lib/levels/ladder';
import { weekdayOf } from '../lib/reminders/time';
import { BuyerMetricsSchema } from '../lib/schemas/buyer';
import { scoreBuyer } from '../lib/segments/model';
import { resolveStage } from '../lib/stages/stages';
import type { Member } from '../lib/sync/protocol';
import { listMembers } from './accounts';
import { segmentModel } from './buyers';
import type { Queryable, Sql } from './db';
import { profileSettings, taxonomy } from './playbook';

/**
 * The supervisor's views over the whole team: every agent's concerns (lib/export/concerns rows,
 * the agent column carrying the member's name on the server), and the dashboard's aggregates.
 * Both say how current they are: when the last change and import arrived, and when each member's
 * browser was last heard from (work made offline arrives when it reconnects).
 */

export interface Freshness {
  /** Server time of this answer. */
  at: number;
  head: number;
  lastChangeAt: number | null;
  lastImportAt: number | null;
  members: Pick<Member, 'id' | 'name' | 'role' | 'lastSeenAt' | 'revoked'>[];
}

export async function freshness(sql: Queryable, shopId: string): Promise<Freshness> {
  const { rows } = await sql.query<{ seq: number; last_change_at: Date | null; last_import_at: Date | null }>(
    'SELECT seq, last_change_at, last_import_at FROM shops WHERE id = $1',
    [shopId],
  );
  const s = rows[0];
  const members = (await listMembers(sql, shopId)).map(({ id, name, role, lastSeenAt, revoked }) => ({
    id,
    name,
    role,
    lastSeenAt,
    revoked,
  }));
  return {
    at: Date.now(),
    head: s?.seq ?? 0,
    lastChangeAt: s?.last_change_at?.getTime() ?? null,
    lastImportAt: s?.last_import_at?.getTime() ?? null,
    members,
  };
}

const PAGE = 2000;

/** Every live concern of the shop, a page at a time, in sequence order. */
async function* concernPages(
  sql: Queryable,
  shopId: string,
): AsyncGenerator<{ record: ConcernRecord; author: string | null }[]> {
  let after = 0;
  for (;;) {
    const { rows } = await sql.query<{ seq: number; data: unknown; author: string | null }>(
      "SELECT seq, data, author FROM records WHERE shop_id = $1 AND kind = 'concern' AND seq > $2 AND NOT (data ? 'deletedAt') ORDER BY seq LIMIT $3",
      [shopId, after, PAGE],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.seq;
    const page: { record: ConcernRecord; author: string | null }[] = [];
    for (const r of rows) {
      const parsed = ConcernRecordSchema.safeParse(r.data);
      if (parsed.success) page.push({ record: parsed.data, author: r.author });
    }
    yield page;
    if (rows.length < PAGE) return;
  }
}

async function buyersOf(sql: Queryable, shopId: string, ids: readonly string[]): Promise<Map<string, ConcernBuyer>> {
  const keys = [...new Set(ids)].map((id) => {
    const i = id.indexOf(':');
    return { platform: id.slice(0, i), buyer_key: id.slice(i + 1) };
  });
  const { rows } = await sql.query<{ platform: string; buyer_key: string; nick: string; metrics: unknown }>(
    `SELECT b.platform, b.buyer_key, b.nick, b.metrics FROM buyers b JOIN jsonb_to_recordset($2::jsonb) AS k(platform text, buyer_key text)
     ON b.platform = k.platform AND b.buyer_key = k.buyer_key WHERE b.shop_id = $1`,
    [shopId, JSON.stringify(keys)],
  );
  const out = new Map<string, ConcernBuyer>();
  for (const r of rows) {
    const m = BuyerMetricsSchema.safeParse(r.metrics);
    if (m.success) out.set(`${r.platform}:${r.buyer_key}`, { nick: r.nick, metrics: m.data });
  }
  return out;
}

/** The team's concern export as CSV or JSON text pieces (lib/export/concerns), written page by page. */
export async function* concernExport(
  sql: Queryable,
  shopId: string,
  timeZone: string,
  format: 'csv' | 'json',
  filter: ConcernFilter,
  lang: 'zh-CN' | 'en',
): AsyncGenerator<string> {
  const [profile, tax, members] = await Promise.all([
    profileSettings(sql, shopId),
    taxonomy(sql, shopId),
    listMembers(sql, shopId),
  ]);
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const names = new Map(tax.concerns.map((c) => [c.id, lang === 'en' ? c.names.en : c.names['zh-CN']]));
  const ctx = { profile, timeZone, concernName: (id: string) => names.get(id) ?? id };
  yield format === 'csv' ? concernCsvHead() : CONCERN_JSON_HEAD;
  let first = true;
  for await (const page of concernPages(sql, shopId)) {
    const wanted = page.filter((p) => recordMatches(p.record, filter));
    if (wanted.length === 0) continue;
    const buyers = await buyersOf(
      sql,
      shopId,
      wanted.map((p) => p.record.buyerId),
    );
    const rows: ConcernRow[] = wanted.map((p) => {
      const row = concernRow(p.record, buyers.get(p.record.buyerId), ctx);
      // The agent as the team knows them: the member who saved it (the record's own name is what that browser called itself).
      return { ...row, agent: (p.author && nameOf.get(p.author)) || row.agent };
    });
    yield format === 'csv' ? concernCsvBody(rows) : concernJsonBody(rows, first);
    first = false;
  }
  if (format === 'json') yield CONCERN_JSON_TAIL;
}

type Counts = Record<string, number>;
const bump = (c: Counts, k: string, n = 1) => {
  c[k] = (c[k] ?? 0) + n;
};

export interface TeamDashboard {
  asOf: string;
  current: Freshness & { dataThrough: string | null };
  buyers: {
    total: number;
    paying: number;
    repeat: number;
    byStage: Counts;
    byLevel: Counts;
    byRfm8: Counts;
    byLayer: Counts;
  };
  concerns: { total: number; byConcern: Counts; byAgent: Counts; byWeek: Record<string, Counts> };
  contacts: { inserted: number; sent: number; byAgent: Counts };
  templateUsage: Counts;
}

/** The Monday of a date's week. */
const weekOf = (date: string) => addDays(date, -weekdayOf(date));

export async function dashboard(sql: Sql, shopId: string, asOf: string): Promise<TeamDashboard> {
  const [settings, model, current] = await Promise.all([
    profileSettings(sql, shopId),
    segmentModel(sql, shopId, asOf),
    freshness(sql, shopId),
  ]);
  const nameOf = new Map(current.members.map((m) => [m.id, m.name]));
  const b: TeamDashboard['buyers'] = {
    total: 0,
    paying: 0,
    repeat: 0,
    byStage: {},
    byLevel: {},
    byRfm8: {},
    byLayer: {},
  };
  let dataThrough: string | null = null;
  let after: [string, string] = ['', ''];
  for (;;) {
    const { rows } = await sql.query<{
      platform: string;
      buyer_key: string;
      last_paid_date: string | null;
      paid_orders: number;
      net_cents: number;
    }>(
      'SELECT platform, buyer_key, last_paid_date, paid_orders, net_cents FROM buyers WHERE shop_id = $1 AND (platform, buyer_key) > ($2, $3) ORDER BY platform, buyer_key LIMIT 50000',
      [shopId, ...after],
    );
    for (const r of rows) {
      const m = { lastPaidDate: r.last_paid_date, paidOrders: r.paid_orders, netCents: r.net_cents };
      b.total += 1;
      if (m.paidOrders > 0) b.paying += 1;
      if (m.paidOrders >= 2) b.repeat += 1;
      if (m.lastPaidDate && (!dataThrough || m.lastPaidDate > dataThrough)) dataThrough = m.lastPaidDate;
      bump(b.byStage, resolveStage(m.lastPaidDate, asOf, settings.stages).id);
      bump(b.byLevel, resolveLevel(m, settings.ladder)?.id ?? '-');
      const seg = scoreBuyer(m, model, asOf, settings.layers);
      bump(b.byRfm8, seg.rfm8 ?? '-');
      bump(b.byLayer, seg.layer ?? '-');
    }
    if (rows.length < 50000) break;
    const last = rows[rows.length - 1]!;
    after = [last.platform, last.buyer_key];
  }

  const c: TeamDashboard['concerns'] = { total: 0, byConcern: {}, byAgent: {}, byWeek: {} };
  for await (const page of concernPages(sql, shopId)) {
    for (const { record, author } of page) {
      c.total += 1;
      bump(c.byConcern, record.concern);
      bump(c.byAgent, (author && nameOf.get(author)) || record.agent);
      const week = (c.byWeek[weekOf(record.date)] ??= {});
      bump(week, record.concern);
    }
  }

  const contacts: TeamDashboard['contacts'] = { inserted: 0, sent: 0, byAgent: {} };
  const { rows: contactRows } = await sql.query<{ author: string | null; sent: boolean | null; n: number }>(
    "SELECT author, (data->>'sent')::boolean AS sent, count(*)::int AS n FROM records WHERE shop_id = $1 AND kind = 'contact' GROUP BY 1, 2",
    [shopId],
  );
  for (const r of contactRows) {
    contacts.inserted += r.n;
    // Absent `sent` counts as sent (lib/contact); false was inserted and never seen going out.
    if (r.sent !== false) {
      contacts.sent += r.n;
      bump(contacts.byAgent, (r.author && nameOf.get(r.author)) || '-', r.n);
    }
  }

  const templateUsage: Counts = {};
  const { rows: usage } = await sql.query<{ template_id: string; n: number }>(
    "SELECT data->>'templateId' AS template_id, sum((data->>'count')::int)::int AS n FROM records WHERE shop_id = $1 AND kind = 'templateUsage' GROUP BY 1",
    [shopId],
  );
  for (const r of usage) templateUsage[r.template_id] = r.n;

  return { asOf, current: { ...current, dataThrough }, buyers: b, concerns: c, contacts, templateUsage };
}
