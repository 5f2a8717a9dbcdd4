import { matchKind, type BuyerMatch } from '../lib/metrics/buyer-match';
import { buildProfile } from '../lib/metrics/profile';
import { BuyerMetricsSchema } from '../lib/schemas/buyer';
import type { Platform } from '../lib/schemas/common';
import type { BuyerLookup } from '../lib/schemas/sidebar-rpc';
import { buildSegmentModel, SegmentModelSchema, type PopulationMember, type SegmentModel } from '../lib/segments/model';
import type { Queryable, Sql } from './db';
import { profileSettings } from './playbook';

/**
 * What an agent's sidebar asks about the shop's imported buyers: one buyer by the console's
 * identity, as the extension's own lookup answers it (lib/db/buyers findBuyerRecord's rules, the
 * BuyerLookup shape of lib/schemas/sidebar-rpc), and the segment model a profile is scored
 * against. Agents pull what they look at; the orders stay on the server.
 */

interface BuyerRow {
  platform: Platform;
  buyer_key: string;
  nick: string;
  metrics: unknown;
}

/** By the console's buyer id, else the nick as a key, else the nick as a display name (lowest key wins). */
export async function findBuyer(
  sql: Queryable,
  shopId: string,
  platform: Platform,
  id: string | null,
  nick: string,
): Promise<(BuyerRow & { rank: number }) | undefined> {
  const { rows } = await sql.query<BuyerRow & { rank: number }>(
    `SELECT platform, buyer_key, nick, metrics, 1 AS rank FROM buyers WHERE shop_id = $1 AND platform = $2 AND buyer_key = $3
     UNION ALL
     SELECT platform, buyer_key, nick, metrics, 2 AS rank FROM buyers WHERE shop_id = $1 AND platform = $2 AND buyer_key = $4
     UNION ALL
     (SELECT platform, buyer_key, nick, metrics, 3 AS rank FROM buyers WHERE shop_id = $1 AND platform = $2 AND nick = $4 ORDER BY buyer_key COLLATE "C" LIMIT 1)
     ORDER BY rank LIMIT 1`,
    [shopId, platform, id ?? '', nick],
  );
  return rows[0];
}

/** The population's segment model on a date, kept in PostgreSQL per data version (every instance shares it). */
export async function segmentModel(sql: Sql, shopId: string, asOf: string): Promise<SegmentModel> {
  const cached = await cachedModel(sql, shopId, asOf);
  if (cached.model) return cached.model;
  // Built once: the first lookups of a day (fifty agents at once) wait for one build instead of each making it.
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`segment-model:${shopId}:${asOf}`]);
    const again = await cachedModel(tx, shopId, asOf);
    if (again.model) return again.model;
    const model = buildSegmentModel(await population(tx, shopId), asOf);
    await tx.query(
      'INSERT INTO segment_models (shop_id, as_of, data_version, model) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [shopId, asOf, again.version, JSON.stringify(model)],
    );
    await tx.query('DELETE FROM segment_models WHERE shop_id = $1 AND data_version < $2', [shopId, again.version]);
    return model;
  });
}

async function cachedModel(
  sql: Queryable,
  shopId: string,
  asOf: string,
): Promise<{ version: number; model: SegmentModel | null }> {
  const { rows } = await sql.query<{ data_version: number; model: unknown }>(
    'SELECT s.data_version, m.model FROM shops s LEFT JOIN segment_models m ON m.shop_id = s.id AND m.as_of = $2 AND m.data_version = s.data_version WHERE s.id = $1',
    [shopId, asOf],
  );
  const parsed = SegmentModelSchema.safeParse(rows[0]?.model);
  return { version: rows[0]?.data_version ?? 0, model: parsed.success ? parsed.data : null };
}

/** What segmentation needs of every paying buyer, read 50,000 at a time. */
async function population(sql: Queryable, shopId: string): Promise<PopulationMember[]> {
  const out: PopulationMember[] = [];
  let after: [string, string] = ['', ''];
  for (;;) {
    const page = await sql.query<{
      platform: string;
      buyer_key: string;
      last_paid_date: string | null;
      paid_orders: number;
      net_cents: number;
    }>(
      `SELECT platform, buyer_key, last_paid_date, paid_orders, net_cents FROM buyers
       WHERE shop_id = $1 AND paid_orders > 0 AND (platform, buyer_key) > ($2, $3) ORDER BY platform, buyer_key LIMIT 50000`,
      [shopId, ...after],
    );
    for (const r of page.rows)
      out.push({ lastPaidDate: r.last_paid_date, paidOrders: r.paid_orders, netCents: r.net_cents });
    if (page.rows.length < 50000) return out;
    const last = page.rows[page.rows.length - 1]!;
    after = [last.platform, last.buyer_key];
  }
}

/**
 * One buyer for an agent's sidebar. `orderIds`: orders the agent's console taught; the answer's
 * `known` names those this buyer's imported orders already count (the agent adds the others).
 */
export async function lookupBuyer(
  sql: Sql,
  shopId: string,
  platform: Platform,
  id: string | null,
  nick: string,
  asOf: string,
  orderIds: readonly string[] = [],
): Promise<BuyerLookup> {
  const row = await findBuyer(sql, shopId, platform, id, nick);
  if (!row) {
    const any = await sql.query('SELECT 1 FROM buyers WHERE shop_id = $1 LIMIT 1', [shopId]);
    return { buyer: null, profile: null, orders: [], match: null, anyData: any.rows.length > 0 };
  }
  const metrics = BuyerMetricsSchema.parse(row.metrics);
  const [settings, model, match, known] = await Promise.all([
    profileSettings(sql, shopId),
    segmentModel(sql, shopId, asOf),
    matchOf(sql, shopId, platform, row),
    orderIds.length
      ? sql.query<{ order_id: string }>(
          'SELECT order_id FROM orders WHERE shop_id = $1 AND platform = $2 AND buyer_key = $3 AND order_id = ANY($4::text[])',
          [shopId, platform, row.buyer_key, [...orderIds]],
        )
      : Promise.resolve({ rows: [] as { order_id: string }[], rowCount: 0 }),
  ]);
  const profile = buildProfile(
    { platform: row.platform, buyerKey: row.buyer_key, nick: row.nick, metrics },
    settings,
    model,
    asOf,
  );
  // Orders stay on the server (agents do not copy them): a reply's order facts come from the console.
  return {
    buyer: { id: profile.id, nick: row.nick, platform: row.platform, metrics },
    profile,
    orders: [],
    match,
    anyData: true,
    ...(orderIds.length ? { known: known.rows.map((r) => r.order_id) } : {}),
  };
}

/** How the console's buyer was matched, as the extension's findBuyer says it (a nickname match counts the buyers sharing it). */
async function matchOf(
  sql: Queryable,
  shopId: string,
  platform: Platform,
  row: BuyerRow & { rank: number },
): Promise<BuyerMatch> {
  const by = matchKind(platform, row.rank === 1 ? 'id' : row.rank === 2 ? 'key' : 'alias');
  if (by === 'id') return { by, sameNick: 1 };
  const { rows } = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM buyers WHERE shop_id = $1 AND platform = $2 AND (buyer_key = $3 OR nick = $3)',
    [shopId, platform, row.nick],
  );
  return { by, sameNick: Math.max(1, rows[0]?.n ?? 1) };
}
