import { randomBytes } from 'node:crypto';
import { readOrders, formatIssue, type ImportOptions } from '../lib/import';
import { computeBuyerMetrics } from '../lib/metrics/compute';
import type { CountingRules } from '../lib/metrics/rules';
import { mergeOrder } from '../lib/orders/merge';
import type { Platform } from '../lib/schemas/common';
import type { Order, OrderFragment } from '../lib/schemas/order';
import type { ImportSummary } from '../lib/sync/protocol';
import type { Sql, Tx } from './db';
import { profileSettings } from './playbook';

/**
 * An order export imported on the server, streamed and in bounded memory: the same reader as the
 * extension (lib/import readOrders) turns the uploaded bytes into fragments 5,000 at a time, which
 * go into a staging table of this run; then buyers are merged 1,000 at a time — their stored
 * orders read, the fragments merged with lib/orders mergeOrder, the metrics computed with
 * lib/metrics — each page in its own transaction. Nothing holds more than a batch or a page.
 * Fragments without a buyer (Pinduoduo, Taobao item reports) go to the buyer whose order has that
 * id, in this run or before; the others are kept as orders without a buyer.
 */

export interface ServerImportOptions extends Pick<
  ImportOptions,
  'format' | 'mapping' | 'platform' | 'timeZone' | 'storeContact' | 'encoding'
> {
  name: string;
  size?: number;
}

export class ImportBusyError extends Error {
  constructor() {
    super('another import of this shop is running');
  }
}

const BATCH = 5000;
const PAGE = 1000;
const SAMPLE = 20;
/** A running import that has not said anything for this long was left by a stopped instance. */
const STALE_MINUTES = 10;

type StoredOrderDoc = Omit<Order, 'platform' | 'orderId' | 'buyerKey'>;

function toDoc(order: Order): StoredOrderDoc {
  const { platform: _p, orderId: _o, buyerKey: _b, ...doc } = order;
  return doc;
}

function fromDoc(platform: string, orderId: string, buyerKey: string | null, doc: StoredOrderDoc): Order {
  return { ...doc, platform: platform as Platform, orderId, buyerKey } as Order;
}

export interface ImportHooks {
  /** The run is registered and the file's head read as an export: its rows are being read. */
  onStarted?: (runId: string) => void;
  onProgress?: (phase: 'read' | 'merge', summary: ImportSummary) => void;
}

export async function importExport(
  sql: Sql,
  shopId: string,
  memberId: string | null,
  chunks: AsyncIterable<Uint8Array>,
  opts: ServerImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportSummary> {
  const runId = `run_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const table = `import_${runId.replace(/[^a-z0-9_]/g, '')}`;
  await sql.query(
    `UPDATE import_runs SET status = 'interrupted', finished_at = now() WHERE shop_id = $1 AND status = 'running' AND heartbeat_at < now() - interval '${STALE_MINUTES} minutes'`,
    [shopId],
  );
  try {
    await sql.query(
      "INSERT INTO import_runs (id, shop_id, member_id, status, files) VALUES ($1, $2, $3, 'running', $4)",
      [runId, shopId, memberId, JSON.stringify([{ name: opts.name, size: opts.size ?? null }])],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ImportBusyError();
    throw err;
  }
  const summary: ImportSummary = {
    runId,
    status: 'done',
    rows: 0,
    orders: 0,
    newOrders: 0,
    buyersTouched: 0,
    ordersWithoutBuyer: 0,
    errors: 0,
    warnings: 0,
    issueSample: [],
    format: null,
    encoding: null,
  };
  const heartbeat = () => sql.query('UPDATE import_runs SET heartbeat_at = now() WHERE id = $1', [runId]);
  // Announced once the file's head was read: a file that is no export fails before, as a plain error.
  let announced = false;
  const announce = () => {
    if (!announced) hooks.onStarted?.(runId);
    announced = true;
  };
  try {
    await sql.query(
      `CREATE UNLOGGED TABLE ${table} (n bigint NOT NULL, platform text NOT NULL, order_id text NOT NULL, buyer_key text, frag jsonb NOT NULL)`,
    );
    const rules = (await profileSettings(sql, shopId)).rules;
    let n = 0;
    const source = { name: opts.name, ...(opts.size !== undefined ? { size: opts.size } : {}), chunks: () => chunks };
    let batches = 0;
    const t0 = performance.now();
    for await (const batch of readOrders(source, { ...opts, batchSize: BATCH })) {
      announce();
      summary.rows = batch.rowsRead;
      summary.format = batch.format.id;
      summary.encoding = batch.encoding;
      for (const issue of batch.issues) {
        if (issue.severity === 'error') summary.errors += 1;
        else summary.warnings += 1;
        if (summary.issueSample.length < SAMPLE) summary.issueSample.push(formatIssue(issue, 'zh-CN'));
      }
      if (batch.fragments.length) {
        const rows = batch.fragments.map((f) => ({
          n: n++,
          platform: f.platform,
          order_id: f.orderId,
          buyer_key: f.buyerKey,
          frag: f,
        }));
        await sql.query(
          `INSERT INTO ${table} (n, platform, order_id, buyer_key, frag)
           SELECT n, platform, order_id, buyer_key, frag FROM jsonb_to_recordset($1::jsonb) AS x(n bigint, platform text, order_id text, buyer_key text, frag jsonb)`,
          [JSON.stringify(rows)],
        );
      }
      hooks.onProgress?.('read', summary);
      if (++batches % 20 === 0) await heartbeat();
    }
    announce();
    const t1 = performance.now();
    await sql.query(`CREATE INDEX ON ${table} (platform, buyer_key, n)`);
    await sql.query(`ANALYZE ${table}`);
    const t2 = performance.now();
    await resolveOrphans(sql, shopId, table);
    await mergeBuyers(sql, shopId, table, runId, rules, summary, async () => {
      await heartbeat();
      hooks.onProgress?.('merge', summary);
    });
    await mergeOrphans(sql, shopId, table, runId, summary);
    const secs = (a: number, b: number) => Math.round((b - a) / 100) / 10;
    summary.seconds = { read: secs(t0, t1), index: secs(t1, t2), merge: secs(t2, performance.now()) };
    await sql.transaction(async (tx) => {
      await tx.query("UPDATE import_runs SET status = 'done', finished_at = now(), summary = $2 WHERE id = $1", [
        runId,
        JSON.stringify(summary),
      ]);
      const { rows } = await tx.query<{ data_version: number }>(
        'UPDATE shops SET data_version = data_version + 1, last_import_at = now() WHERE id = $1 RETURNING data_version',
        [shopId],
      );
      await tx.query("SELECT pg_notify('htk_buyers', $1)", [
        JSON.stringify({ shop: shopId, version: rows[0]?.data_version ?? 0 }),
      ]);
    });
    return summary;
  } catch (err) {
    summary.status = 'failed';
    summary.failure = err instanceof Error ? err.message : String(err);
    await sql
      .query("UPDATE import_runs SET status = 'failed', finished_at = now(), summary = $2 WHERE id = $1", [
        runId,
        JSON.stringify(summary),
      ])
      .catch(() => undefined);
    throw err;
  } finally {
    await sql.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

/** Fragments without a buyer take the buyer of the same order: in this run, else as stored. */
async function resolveOrphans(sql: Sql, shopId: string, table: string): Promise<void> {
  const { rows } = await sql.query<{ c: number }>(`SELECT count(*)::int AS c FROM ${table} WHERE buyer_key IS NULL`);
  if (!rows[0]?.c) return;
  await sql.query(
    `UPDATE ${table} s SET buyer_key = k.buyer_key
     FROM (SELECT DISTINCT ON (platform, order_id) platform, order_id, buyer_key FROM ${table} WHERE buyer_key IS NOT NULL ORDER BY platform, order_id, n) k
     WHERE s.buyer_key IS NULL AND s.platform = k.platform AND s.order_id = k.order_id`,
  );
  await sql.query(
    `UPDATE ${table} s SET buyer_key = o.buyer_key FROM orders o
     WHERE s.buyer_key IS NULL AND o.shop_id = $1 AND o.platform = s.platform AND o.order_id = s.order_id AND o.buyer_key IS NOT NULL`,
    [shopId],
  );
}

interface FragRow {
  platform: string;
  buyer_key: string;
  frag: OrderFragment;
}

async function mergeBuyers(
  sql: Sql,
  shopId: string,
  table: string,
  runId: string,
  rules: CountingRules,
  summary: ImportSummary,
  heartbeat: () => Promise<unknown>,
): Promise<void> {
  let after: [string, string] | null = null;
  for (let page = 0; ; page++) {
    const keys: { rows: { platform: string; buyer_key: string }[] } = await sql.query<{
      platform: string;
      buyer_key: string;
    }>(
      `SELECT platform, buyer_key FROM ${table} WHERE buyer_key IS NOT NULL ${after ? 'AND (platform, buyer_key) > ($1, $2)' : ''}
       GROUP BY platform, buyer_key ORDER BY platform, buyer_key LIMIT ${PAGE}`,
      after ?? [],
    );
    if (keys.rows.length === 0) return;
    const first = keys.rows[0]!;
    const last: { platform: string; buyer_key: string } = keys.rows[keys.rows.length - 1]!;
    after = [last.platform, last.buyer_key];
    await sql.transaction((tx) =>
      mergePage(tx, shopId, table, runId, rules, summary, [first.platform, first.buyer_key], after!),
    );
    if (page % 20 === 19) await heartbeat();
    // The planner must know how big orders and buyers have grown (a new shop starts with none), or
    // it reads them whole for every page instead of through their keys.
    if (page === 0 || page % 50 === 49) await sql.query('ANALYZE orders, buyers');
  }
}

async function mergePage(
  tx: Tx,
  shopId: string,
  table: string,
  runId: string,
  rules: CountingRules,
  summary: ImportSummary,
  from: [string, string],
  to: [string, string],
): Promise<void> {
  const frags = await tx.query<FragRow>(
    `SELECT platform, buyer_key, frag FROM ${table}
     WHERE (platform, buyer_key) >= ($1, $2) AND (platform, buyer_key) <= ($3, $4) ORDER BY platform, buyer_key, n`,
    [...from, ...to],
  );
  const buyers = new Map<string, { platform: string; key: string; frags: OrderFragment[] }>();
  const orderKeys: { platform: string; order_id: string }[] = [];
  for (const r of frags.rows) {
    const k = `${r.platform}\u0000${r.buyer_key}`;
    let b = buyers.get(k);
    if (!b) buyers.set(k, (b = { platform: r.platform, key: r.buyer_key, frags: [] }));
    b.frags.push(r.frag);
    orderKeys.push({ platform: r.platform, order_id: r.frag.orderId });
  }
  const buyerKeys = [...buyers.values()].map((b) => ({ platform: b.platform, buyer_key: b.key }));
  const stored = await tx.query<{ platform: string; order_id: string; buyer_key: string | null; doc: StoredOrderDoc }>(
    `SELECT o.platform, o.order_id, o.buyer_key, o.doc FROM orders o
     JOIN jsonb_to_recordset($2::jsonb) AS k(platform text, buyer_key text) ON o.platform = k.platform AND o.buyer_key = k.buyer_key
     WHERE o.shop_id = $1
     UNION
     SELECT o.platform, o.order_id, o.buyer_key, o.doc FROM orders o
     JOIN (SELECT DISTINCT platform, order_id FROM jsonb_to_recordset($3::jsonb) AS x(platform text, order_id text)) k ON o.platform = k.platform AND o.order_id = k.order_id
     WHERE o.shop_id = $1`,
    [shopId, JSON.stringify(buyerKeys), JSON.stringify(orderKeys)],
  );
  const nicks = await tx.query<{ platform: string; buyer_key: string; nick: string }>(
    `SELECT b.platform, b.buyer_key, b.nick FROM buyers b JOIN jsonb_to_recordset($2::jsonb) AS k(platform text, buyer_key text) ON b.platform = k.platform AND b.buyer_key = k.buyer_key WHERE b.shop_id = $1`,
    [shopId, JSON.stringify(buyerKeys)],
  );
  const nickOf = new Map(nicks.rows.map((r) => [`${r.platform}\u0000${r.buyer_key}`, r.nick]));
  const orders = new Map<string, Order>();
  const ordersOfBuyer = new Map<string, Set<string>>();
  const own = (buyer: string, orderKey: string) => {
    let set = ordersOfBuyer.get(buyer);
    if (!set) ordersOfBuyer.set(buyer, (set = new Set()));
    set.add(orderKey);
  };
  for (const r of stored.rows) {
    const ok = `${r.platform}\u0000${r.order_id}`;
    orders.set(ok, fromDoc(r.platform, r.order_id, r.buyer_key, r.doc));
    if (r.buyer_key !== null) own(`${r.platform}\u0000${r.buyer_key}`, ok);
  }
  const touched = new Set<string>();
  const buyerRows: unknown[] = [];
  for (const [bk, b] of buyers) {
    let nick = nickOf.get(bk) ?? null;
    for (const f of b.frags) {
      const ok = `${f.platform}\u0000${f.orderId}`;
      const before = orders.get(ok);
      const merged = mergeOrder(before, f, runId);
      if (merged.buyerKey === null) merged.buyerKey = b.key;
      if (!before) summary.newOrders += 1;
      if (!touched.has(ok)) summary.orders += 1;
      orders.set(ok, merged);
      touched.add(ok);
      own(bk, ok);
      if (f.buyerNick) nick = f.buyerNick;
    }
    const mine = [...(ordersOfBuyer.get(bk) ?? [])].map((k) => orders.get(k)!).filter((o) => o.buyerKey === b.key);
    const metrics = computeBuyerMetrics(mine, rules);
    buyerRows.push({
      platform: b.platform,
      buyer_key: b.key,
      nick: nick ?? b.key,
      metrics,
      paid_orders: metrics.paidOrders,
      net_cents: metrics.netCents,
      last_paid_date: metrics.lastPaidDate,
    });
    summary.buyersTouched += 1;
  }
  const orderRows = [...touched].map((k) => {
    const o = orders.get(k)!;
    return { platform: o.platform, order_id: o.orderId, buyer_key: o.buyerKey, doc: toDoc(o) };
  });
  await tx.query(
    `INSERT INTO orders (shop_id, platform, order_id, buyer_key, doc)
     SELECT $1, platform, order_id, buyer_key, doc FROM jsonb_to_recordset($2::jsonb) AS x(platform text, order_id text, buyer_key text, doc jsonb)
     ON CONFLICT (shop_id, platform, order_id) DO UPDATE SET buyer_key = EXCLUDED.buyer_key, doc = EXCLUDED.doc`,
    [shopId, JSON.stringify(orderRows)],
  );
  await tx.query(
    `INSERT INTO buyers (shop_id, platform, buyer_key, nick, metrics, paid_orders, net_cents, last_paid_date)
     SELECT $1, platform, buyer_key, nick, metrics, paid_orders, net_cents, last_paid_date
     FROM jsonb_to_recordset($2::jsonb) AS x(platform text, buyer_key text, nick text, metrics jsonb, paid_orders int, net_cents bigint, last_paid_date text)
     ON CONFLICT (shop_id, platform, buyer_key) DO UPDATE SET nick = EXCLUDED.nick, metrics = EXCLUDED.metrics, paid_orders = EXCLUDED.paid_orders,
       net_cents = EXCLUDED.net_cents, last_paid_date = EXCLUDED.last_paid_date, updated_at = now()`,
    [shopId, JSON.stringify(buyerRows)],
  );
}

/** Orders no buyer claims: kept by order id, merged like the others. */
async function mergeOrphans(
  sql: Sql,
  shopId: string,
  table: string,
  runId: string,
  summary: ImportSummary,
): Promise<void> {
  let after: [string, string] | null = null;
  for (;;) {
    const ids: { rows: { platform: string; order_id: string }[] } = await sql.query<{
      platform: string;
      order_id: string;
    }>(
      `SELECT platform, order_id FROM ${table} WHERE buyer_key IS NULL ${after ? 'AND (platform, order_id) > ($1, $2)' : ''}
       GROUP BY platform, order_id ORDER BY platform, order_id LIMIT ${PAGE}`,
      after ?? [],
    );
    if (ids.rows.length === 0) return;
    const last: { platform: string; order_id: string } = ids.rows[ids.rows.length - 1]!;
    const keys = JSON.stringify(ids.rows);
    after = [last.platform, last.order_id];
    await sql.transaction(async (tx) => {
      const frags = await tx.query<{ frag: OrderFragment }>(
        `SELECT s.frag FROM ${table} s JOIN jsonb_to_recordset($1::jsonb) AS k(platform text, order_id text) ON s.platform = k.platform AND s.order_id = k.order_id
         WHERE s.buyer_key IS NULL ORDER BY s.n`,
        [keys],
      );
      const stored = await tx.query<{ platform: string; order_id: string; doc: StoredOrderDoc }>(
        `SELECT o.platform, o.order_id, o.doc FROM orders o JOIN jsonb_to_recordset($2::jsonb) AS k(platform text, order_id text) ON o.platform = k.platform AND o.order_id = k.order_id
         WHERE o.shop_id = $1 AND o.buyer_key IS NULL`,
        [shopId, keys],
      );
      const orders = new Map<string, Order>(
        stored.rows.map((r) => [`${r.platform}\u0000${r.order_id}`, fromDoc(r.platform, r.order_id, null, r.doc)]),
      );
      const touched = new Set<string>();
      for (const { frag } of frags.rows) {
        const ok = `${frag.platform}\u0000${frag.orderId}`;
        const before = orders.get(ok);
        if (!before) summary.newOrders += 1;
        if (!touched.has(ok)) {
          summary.orders += 1;
          summary.ordersWithoutBuyer += 1;
        }
        orders.set(ok, mergeOrder(before, frag, runId));
        touched.add(ok);
      }
      const rows = [...touched].map((k) => {
        const o = orders.get(k)!;
        return { platform: o.platform, order_id: o.orderId, doc: toDoc(o) };
      });
      await tx.query(
        `INSERT INTO orders (shop_id, platform, order_id, buyer_key, doc)
         SELECT $1, platform, order_id, NULL, doc FROM jsonb_to_recordset($2::jsonb) AS x(platform text, order_id text, doc jsonb)
         ON CONFLICT (shop_id, platform, order_id) DO UPDATE SET doc = EXCLUDED.doc`,
        [shopId, JSON.stringify(rows)],
      );
    });
  }
}
