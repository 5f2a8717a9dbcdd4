import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import { sourceFromBytes } from '../import/source';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { DEFAULT_REMINDER_RULES, type Reminder } from '../reminders';
import { localDateAt } from '../reminders/time';
import { localDateTimeAt } from '../orders/live';
import type { ConsoleOrder } from '../schemas/messages';
import { SegmentModelSchema } from '../segments/model';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { loadBuyerIndex } from './buyer-index';
import { countBuyers, getBuyer, scanBuyers } from './buyer-store';
import { consoleBuyerRef } from './console-buyer';
import { syncLinkedBuyers, syncLinkedBuyersIfDue } from './console-linked';
import { HuitoukeDb } from './database';
import { importIntoDb } from './import-store';
import { buyerWithConsole, recordConsoleOrders } from './order-links';
import type { BuyerRecord } from './records';
import { scanImportedOrders, sweepProfiles } from './reminders';
import { SETTINGS_KEY } from './settings';

const TZ = 'Asia/Shanghai';
const NOW = Date.now();
const TODAY = localDateAt(NOW, TZ);
const day = (n: number) => addDays(TODAY, -n);
const ID = 'pinduoduo:uid_8823';

const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});
function freshDb(): HuitoukeDb {
  const db = new HuitoukeDb(`linked-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}

const HEADER =
  '商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),多多支付立减金额(元),用户实付金额(元),商家实收金额(元),商品数量(件),订单成交时间,发货时间,确认收货时间,商品id,商品规格,商家编码-SKU维度,售后状态,快递单号,快递公司,商家备注';
const row = (id: string, status: string, paid: string, at: string, shipped = '') =>
  `加厚珊瑚绒毯子,${id},${status},${paid},0.00,0.00,0.00,0.00,${paid},${paid},1,${at},${shipped},,452301998,灰色,BLK-150,无售后或售后取消,${shipped ? 'YT5550001' : ''},${shipped ? '圆通快递' : ''},`;

/** A Pinduoduo order export as the shop downloads it: no buyer column. Dated from today. */
function pddExport(rows: string[]): Uint8Array {
  return new TextEncoder().encode(`${HEADER}\n${rows.join('\n')}\n`);
}
const FIRST = row('251007-607198974342268', '已签收', '42.90', `${day(95)} 09:12:33`, `${day(95)} 18:00:00`);
const SECOND = row('251008-112233445566778', '已签收', '57.10', `${day(40)} 20:40:00`, `${day(40)} 22:00:00`);
const OTHER = row('251009-998877665544332', '待发货', '1059.00', `${day(1)} 07:05:00`);
const ALL = [FIRST, SECOND, OTHER];

let runs = 0;
const importRows = (db: HuitoukeDb, rows: string[]) =>
  importIntoDb(db, [sourceFromBytes('pdd.csv', pddExport(rows))], {
    rules: DEFAULT_COUNTING_RULES,
    locale: 'zh-CN',
    asOf: TODAY,
    runId: `run-${++runs}`,
    now: () => NOW,
  });

const PANEL: ConsoleOrder[] = [
  { id: '251007-607198974342268', status: 'completed' },
  { id: '251008-112233445566778', status: 'completed' },
];
const panel = (db: HuitoukeDb, orders: ConsoleOrder[] = PANEL, buyerKey = 'uid_8823', at = NOW) =>
  recordConsoleOrders(db, { platform: 'pinduoduo', buyerKey, nick: '墨墨', orders }, TZ, at);
const opts = { rules: DEFAULT_COUNTING_RULES, asOf: TODAY, now: NOW };
const settings = { ...DEFAULT_APP_SETTINGS, timeZone: TZ };

async function allBuyers(db: HuitoukeDb): Promise<BuyerRecord[]> {
  const out: BuyerRecord[] = [];
  await scanBuyers(db, (page) => out.push(...page.filter((b) => b.deletedAt === undefined)));
  return out;
}

describe('buyers the console linked are buyers everywhere (issue 19)', () => {
  it('puts a buyer whose anonymous export orders were linked into the buyers, the index, the count and the segment population', async () => {
    const db = freshDb();
    await importRows(db, ALL);
    await panel(db);
    expect(await allBuyers(db)).toEqual([]);
    expect((await syncLinkedBuyers(db, opts)).written).toBe(1);

    const stored = await getBuyer(db, ID);
    expect(stored?.nick).toBe('墨墨');
    expect(stored?.orders.map((o) => o.orderId).sort()).toEqual(PANEL.map((o) => o.id).sort());
    expect({ paid: stored?.metrics.paidOrders, net: stored?.metrics.netCents }).toEqual({ paid: 2, net: 10_000 });
    expect((await allBuyers(db)).map((b) => b.id)).toEqual([ID]);
    const index = await loadBuyerIndex(db);
    const at = index.ids.indexOf(ID);
    expect(at).toBeGreaterThanOrEqual(0);
    expect([index.paidOrders[at], index.netCents[at], index.firstPaidDate[at]]).toEqual([2, 10_000, day(95)]);
    expect(await countBuyers(db)).toBe(1);
    const model = SegmentModelSchema.parse((await db.settings.get(SETTINGS_KEY.segmentModel))?.value);
    expect(model.buyers).toBe(1);
    // Nothing new: nothing written.
    expect(await syncLinkedBuyers(db, opts)).toEqual({ written: 0, removed: 0, indexed: 0 });
  });

  it('the sidebar still says which orders the console linked, and the console-made record is not an imported buyer', async () => {
    const db = freshDb();
    await importRows(db, ALL);
    await panel(db);
    await syncLinkedBuyers(db, opts);
    const ref = await consoleBuyerRef(db, 'pinduoduo', { id: 'uid_8823', nick: '墨墨' });
    expect(ref?.buyerId).toBe(ID);
    expect(ref?.imported).toBeUndefined();
    const shown = await buyerWithConsole(db, { platform: 'pinduoduo', buyerKey: 'uid_8823', nick: '墨墨' });
    expect(shown?.linkedCount).toBe(2);
    expect(shown?.record.metrics.paidOrders).toBe(2);
    // Another buyer with the same nick is not this one: their orders must not be filed here.
    const other = await consoleBuyerRef(db, 'pinduoduo', { id: 'uid_other', nick: '墨墨' });
    expect(other?.buyerId).toBe('pinduoduo:uid_other');
  });

  it('counts each order once when the same export is imported again, and after more syncs', async () => {
    const db = freshDb();
    await importRows(db, ALL);
    await panel(db);
    await syncLinkedBuyers(db, opts);
    await importRows(db, ALL);
    await syncLinkedBuyersIfDue(db, opts);
    await panel(db, PANEL, 'uid_8823', NOW + 60_000);
    await syncLinkedBuyers(db, opts);
    const stored = await getBuyer(db, ID);
    expect(stored?.orders).toHaveLength(2);
    expect(stored?.metrics.paidOrders).toBe(2);
    const index = await loadBuyerIndex(db);
    expect(index.ids.filter((id) => id === ID)).toHaveLength(1);
    expect(index.paidOrders[index.ids.indexOf(ID)]).toBe(2);
    expect(await countBuyers(db)).toBe(1);
    const shown = await buyerWithConsole(db, { platform: 'pinduoduo', buyerKey: 'uid_8823', nick: '墨墨' });
    expect(shown?.record.orders).toHaveLength(2);
  });

  it('a buyer known from live orders first keeps one order when the export brings it, with the export version', async () => {
    const db = freshDb();
    await panel(db, [
      { id: '251007-607198974342268', status: 'paid', paidCents: 4290, createdAt: `${day(95)} 09:12:33` },
    ]);
    await syncLinkedBuyers(db, opts);
    expect((await getBuyer(db, ID))?.orders[0]?.sources).toEqual(['console']);
    await importRows(db, ALL);
    await syncLinkedBuyersIfDue(db, opts);
    const stored = await getBuyer(db, ID);
    expect(stored?.orders).toHaveLength(1);
    expect(stored?.orders[0]?.lines.length).toBeGreaterThan(0);
    expect(stored?.orders[0]?.status).toBe('completed');
    const shown = await buyerWithConsole(db, { platform: 'pinduoduo', buyerKey: 'uid_8823', nick: '墨墨' });
    expect(shown?.consoleOnly).toEqual([]);
    expect(shown?.record.metrics.paidOrders).toBe(1);
  });

  it('the daily sweep makes its 100th-day greeting and the scan its shipping notice', async () => {
    const db = freshDb();
    const shippedId = '251010-424242424242424';
    await importRows(db, [FIRST, row(shippedId, '待发货', '19.90', `${day(2)} 08:00:00`)]);
    await panel(db, [...PANEL.slice(0, 1), { id: shippedId, status: 'paid' }]);
    await syncLinkedBuyersIfDue(db, opts);
    const sweep = await sweepProfiles(db, NOW, settings, DEFAULT_REMINDER_RULES, { force: true });
    expect(sweep.created).toBeGreaterThan(0);
    const mine = async (): Promise<Reminder[]> =>
      db.reminders.where('buyerId').equals(ID).toArray() as Promise<Reminder[]>;
    expect((await mine()).map((r) => r.kind)).toContain('day100');

    // The parcel leaves; the next export says so (the console did not see it).
    const leftAt = localDateTimeAt(NOW - 30 * 60_000, TZ);
    await importRows(db, [row(shippedId, '已发货', '19.90', `${day(2)} 08:00:00`, leftAt)]);
    await syncLinkedBuyersIfDue(db, opts);
    await scanImportedOrders(db, NOW, DEFAULT_REMINDER_RULES, TZ);
    const shipping = (await mine()).filter((r) => r.kind === 'shipping');
    expect(shipping.map((r) => r.orderId)).toEqual([shippedId]);
  });

  it('a buyer only the console made goes when its links are deleted; a restore of older data is put right', async () => {
    const db = freshDb();
    await importRows(db, ALL);
    await panel(db);
    await syncLinkedBuyersIfDue(db, opts);
    // A restore of a backup taken before linked buyers were records: links, no buyer.
    await db.buyerShards.clear();
    await db.settings.delete(SETTINGS_KEY.buyerIndex);
    await db.settings.put({ key: SETTINGS_KEY.buyerCount, value: 0, updatedAt: NOW });
    expect(await syncLinkedBuyersIfDue(db, opts)).toBeNull();
    expect((await syncLinkedBuyersIfDue(db, opts, true))?.written).toBe(1);
    expect((await loadBuyerIndex(db)).ids).toEqual([ID]);

    // Another agent's deletion of the links and live orders arrives (soft-deleted, synced).
    const gone = { deletedAt: NOW, updatedAt: NOW };
    await db.orderLinks.toCollection().modify(gone);
    await db.liveOrders.toCollection().modify(gone);
    expect((await syncLinkedBuyers(db, opts)).removed).toBe(1);
    expect((await getBuyer(db, ID))?.deletedAt).toBe(NOW);
    expect((await loadBuyerIndex(db)).ids).toEqual([]);
    expect(await countBuyers(db)).toBe(0);
  });

  it("an imported buyer's record takes the orders the console showed, still an imported buyer, each order once", async () => {
    const db = freshDb();
    const name = 'ExportOrderList202510071230.csv';
    await importIntoDb(db, [sourceFromBytes(name, new Uint8Array(readFileSync(`tests/fixtures/exports/${name}`)))], {
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: TODAY,
      runId: 'tb-1',
      now: () => NOW,
    });
    const before = await getBuyer(db, 'taobao:tb_xiaolin');
    const buyer = { id: 'uid-2200998877', nick: 'tb_xiaolin' };
    const ref = await consoleBuyerRef(db, 'taobao', buyer);
    await recordConsoleOrders(
      db,
      {
        platform: 'taobao',
        buyerKey: ref!.buyerKey,
        nick: buyer.nick,
        orders: [{ id: 'TB-NEW-1', status: 'paid', paidCents: 6_900, createdAt: `${day(1)} 10:00:00` }],
      },
      TZ,
      NOW,
    );
    await syncLinkedBuyers(db, opts);
    await syncLinkedBuyers(db, opts);
    const after = await getBuyer(db, 'taobao:tb_xiaolin');
    expect(after?.orders.map((o) => o.orderId).sort()).toEqual(
      [...before!.orders.map((o) => o.orderId), 'TB-NEW-1'].sort(),
    );
    expect(after?.metrics.paidOrders).toBe(before!.metrics.paidOrders + 1);
    const index = await loadBuyerIndex(db);
    expect(index.paidOrders[index.ids.indexOf('taobao:tb_xiaolin')]).toBe(before!.metrics.paidOrders + 1);
    expect((await consoleBuyerRef(db, 'taobao', buyer))?.imported?.record.id).toBe('taobao:tb_xiaolin');
    const shown = await buyerWithConsole(db, {
      platform: 'taobao',
      buyerKey: 'tb_xiaolin',
      nick: 'tb_xiaolin',
      record: after!,
    });
    expect(shown?.consoleOnly).toEqual(['TB-NEW-1']);
    expect(shown?.record.orders).toHaveLength(after!.orders.length);
  });

  it('the import scan leaves the reminders of orders only the console showed to the console', async () => {
    const db = freshDb();
    // Seen shipped a week after it was placed: the console's rules start no shipping notice for it.
    await panel(db, [{ id: 'LATE-1', status: 'shipped', paidCents: 1_000, createdAt: `${day(7)} 10:00:00` }]);
    await syncLinkedBuyers(db, opts);
    expect((await getBuyer(db, ID))?.orders[0]?.shippedAt).toBeDefined();
    await importRows(db, [OTHER]);
    const scan = await scanImportedOrders(db, NOW, DEFAULT_REMINDER_RULES, TZ);
    expect(scan.scanned).toBe(true);
    expect(await db.reminders.where('buyerId').equals(ID).count()).toBe(0);
  });
});
