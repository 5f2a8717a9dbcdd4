import { afterEach, describe, expect, it } from 'vitest';
import { TAOBAO_ORDER_HEADERS_54 } from '../import/formats/taobao-headers';
import { sourceFromBytes } from '../import';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { backupChunks, checkBackup, restoreBackup } from './backup';
import { getBuyer } from './buyer-store';
import { findBuyerRecord } from './buyers';
import { HuitoukeDb } from './database';
import { importIntoDb } from './import-store';

/**
 * The parcel of an order (tracking number and carrier) through storage, as a supervisor and an agent
 * meet it: import an export, look the buyer up, import a later export, back up and restore.
 */

const opened: HuitoukeDb[] = [];
function fresh(): HuitoukeDb {
  const db = new HuitoukeDb(`parcel-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

interface Row {
  id: string;
  buyer: string;
  status: string;
  created: string;
  paid?: string;
  title: string;
  amount: string;
  tracking?: string;
  carrier?: string;
}

/** A Taobao 订单报表 with these orders, every other column as the export leaves it. */
function taobaoReport(rows: readonly Row[]): Uint8Array {
  const lines = [TAOBAO_ORDER_HEADERS_54.join(',')];
  for (const r of rows) {
    const cells: Record<string, string> = {
      订单编号: `="${r.id}"`,
      买家会员名: r.buyer,
      买家实际支付金额: r.amount,
      订单状态: r.status,
      订单创建时间: r.created,
      订单付款时间: r.paid ?? '',
      宝贝标题: r.title,
      宝贝总数量: '1',
      物流单号: r.tracking ?? '',
      物流公司: r.carrier ?? '',
      退款金额: '无退款申请',
      订单关闭原因: '订单未关闭',
    };
    lines.push(TAOBAO_ORDER_HEADERS_54.map((h) => cells[h.trim()] ?? '').join(','));
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

async function importReport(db: HuitoukeDb, name: string, rows: readonly Row[], runId: string) {
  return importIntoDb(db, [sourceFromBytes(name, taobaoReport(rows))], {
    rules: DEFAULT_COUNTING_RULES,
    locale: 'zh-CN',
    asOf: '2026-03-10',
    runId,
    now: () => 1_000,
  });
}

const PAID: Row = {
  id: '3100012345678901',
  buyer: '小林',
  status: '买家已付款，等待卖家发货',
  created: '2026-03-01 10:00:00',
  paid: '2026-03-01 10:01:00',
  title: '羊毛围巾',
  amount: '159.00',
};
const SHIPPED: Row = {
  ...PAID,
  status: '卖家已发货，等待买家确认',
  tracking: 'No:SF1402345678901',
  carrier: '顺丰速运',
};
const OTHERS: Row[] = [
  {
    id: '3100012345678902',
    buyer: '小林',
    status: '交易成功',
    created: '2026-02-01 09:00:00',
    paid: '2026-02-01 09:00:30',
    title: '手套',
    amount: '49.00',
    tracking: 'No:YT7512345678901',
    carrier: '圆通速递',
  },
  {
    id: '3100012345678903',
    buyer: '阿杰',
    status: '交易成功',
    created: '2026-02-03 09:00:00',
    paid: '2026-02-03 09:00:30',
    title: '手套',
    amount: '49.00',
    tracking: 'No:YT7512345678902',
    carrier: '圆通速递',
  },
];

const parcelOf = (orders: readonly { orderId: string; trackingNo?: string; carrier?: string }[]) =>
  Object.fromEntries(orders.map((o) => [o.orderId, [o.trackingNo ?? null, o.carrier ?? null]]));

describe("an order's parcel through import, lookup, re-import and backup", () => {
  it('is stored and read back; carriers are named in the lexicon, tracking numbers are not', async () => {
    const db = fresh();
    await importReport(db, 'ExportOrderList202603100900.csv', [SHIPPED, ...OTHERS], 'run-1');
    const lin = await findBuyerRecord(db, 'taobao', null, '小林');
    expect(parcelOf(lin!.orders)).toEqual({
      '3100012345678901': ['SF1402345678901', '顺丰速运'],
      '3100012345678902': ['YT7512345678901', '圆通速递'],
    });
    expect(parcelOf((await getBuyer(db, 'taobao:阿杰'))!.orders)).toEqual({
      '3100012345678903': ['YT7512345678902', '圆通速递'],
    });
    const texts = (await db.lexicon.toArray()).flatMap((c) => c.texts);
    expect(texts).toEqual(expect.arrayContaining(['顺丰速运', '圆通速递']));
    expect(texts.filter((t) => /\d{10}/.test(t))).toEqual([]);
  });

  it('is filled in by a later export of an order first imported before it shipped, and kept by one that leaves it out', async () => {
    const db = fresh();
    await importReport(db, 'ExportOrderList202603011200.csv', [PAID, ...OTHERS], 'run-1');
    expect(parcelOf((await getBuyer(db, 'taobao:小林'))!.orders)['3100012345678901']).toEqual([null, null]);
    await importReport(db, 'ExportOrderList202603030900.csv', [SHIPPED], 'run-2');
    const after = (await getBuyer(db, 'taobao:小林'))!;
    expect(after.orders.find((o) => o.orderId === PAID.id)).toMatchObject({
      status: 'shipped',
      trackingNo: 'SF1402345678901',
      carrier: '顺丰速运',
    });
    // A later export made from another report without the columns' values: the parcel stays.
    await importReport(db, 'ExportOrderList202603090900.csv', [{ ...PAID, status: '交易成功' }], 'run-3');
    const done = (await getBuyer(db, 'taobao:小林'))!;
    expect(done.orders.find((o) => o.orderId === PAID.id)).toMatchObject({
      status: 'completed',
      trackingNo: 'SF1402345678901',
      carrier: '顺丰速运',
    });
    expect(done.orders).toHaveLength(2);
  });

  it('survives a backup and a restore into another profile', async () => {
    const db = fresh();
    await importReport(db, 'ExportOrderList202603100900.csv', [SHIPPED, ...OTHERS], 'run-1');
    let text = '';
    for await (const chunk of backupChunks(db, 5_000)) text += chunk;
    const target = fresh();
    const source = () => sourceFromBytes('backup.json', new TextEncoder().encode(text));
    const read = await checkBackup(source(), target);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect((await restoreBackup(target, source(), read.info, { now: 6_000 })).ok).toBe(true);
    expect(parcelOf((await findBuyerRecord(target, 'taobao', null, '小林'))!.orders)).toEqual({
      '3100012345678901': ['SF1402345678901', '顺丰速运'],
      '3100012345678902': ['YT7512345678901', '圆通速递'],
    });
  });
});
