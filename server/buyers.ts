import { buildProfile } from '../lib/metrics/profile';
import { BuyerMetricsSchema } from '../lib/schemas/buyer';
import type { Platform } from '../lib/schemas/common';
import type { BuyerLookup } from '../lib/schemas/sidebar-rpc';
import { buildSegmentModel, SegmentModelSchema, type PopulationMember, type SegmentModel } from '../lib/segments/model';
import type { Queryable } from './db';
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
export async function findBuyer(sql: Queryable, shopId: string, platform: Platform, id: string | null, nick: string): Promise<BuyerRow | undefined> {
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
export async function segmentModel(sql: Queryable, shopId: string, asOf: string): Promise<SegmentModel> {
  const { rows: v } = await sql.query<{ data_version: number }>('SELECT data_version FROM shops WHERE id = $1', [shopId]);
  const version = v[0]?.data_version ?? 0;
  const cached = await sql.query<{ model: unknown }>('SELECT model FROM segment_models WHERE shop_id = $1 AND as_of = $2 AND data_version = $3', [shopId, asOf, version]);
  const parsed = SegmentModelSchema.safeParse(cached.rows[0]?.model);
  if (parsed.success) return parsed.data;
  const population: PopulationMember[] = [];
  let after: [string, string] = ['', ''];
  for (;;) {
    const page = await sql.query<{ platform: string; buyer_key: string; last_paid_date: string | null; paid_orders: number; net_cents: number }>(
      `SELECT platform, buyer_key, last_paid_date, paid_orders, net_cents FROM buyers
       WHERE shop_id = $1 AND paid_orders > 0 AND (platform, buyer_key) > ($2, $3) ORDER BY platform, buyer_key LIMIT 50000`,
      [shopId, ...after],
    );
    for (const r of page.rows) population.push({ lastPaidDate: r.last_paid_date, paidOrders: r.paid_orders, netCents: r.net_cents });
    if (page.rows.length < 50000) break;
    const last = page.rows[page.rows.length - 1]!;
    after = [last.platform, last.buyer_key];
  }
  const model = buildSegmentModel(population, asOf);
  await sql.query('INSERT INTO segment_models (shop_id, as_of, data_version, model) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [shopId, asOf, version, JSON.stringify(model)]);
  await sql.query('DELETE FROM segment_models WHERE shop_id = $1 AND data_version < $2', [shopId, version]);
  return model;
}

export async function lookupBuyer(sql: Queryable, shopId: string, platform: Platform, id: string | null, nick: string, asOf: string): Promise<BuyerLookup> {
  const row = await findBuyer(sql, shopId, platform, id, nick);
  if (!row) {
    const any = await sql.query('SELECT 1 FROM buyers WHERE shop_id = $1 LIMIT 1', [shopId]);
    return { buyer: null, profile: null, anyData: any.rows.length > 0 };
  }
  const metrics = BuyerMetricsSchema.parse(row.metrics);
  const [settings, model] = await Promise.all([profileSettings(sql, shopId), segmentModel(sql, shopId, asOf)]);
  const profile = buildProfile({ platform: row.platform, buyerKey: row.buyer_key, nick: row.nick, metrics }, settings, model, asOf);
  return { buyer: { id: profile.id, nick: row.nick, platform: row.platform, metrics }, profile, anyData: true };
}
