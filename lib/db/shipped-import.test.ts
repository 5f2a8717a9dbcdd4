import { describe, expect, it } from 'vitest';
import { importIntoDb } from './import-store';
import { getBuyer } from './buyer-store';
import { HuitoukeDb } from './database';
import { sourceFromBytes } from '../import';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';

const csv = [
  'order_no,customer,order_time,paid,ship_time',
  'A1,小鱼,2025-10-01 10:00:00,99.00,2025-10-02 09:30:00',
  'A2,小鱼,2025-10-05 10:00:00,59.00,',
].join('\n');

describe('importing shipping times', () => {
  it('keeps the shipping time of a single-line order through storage', async () => {
    const db = new HuitoukeDb(`ship-${Math.random().toString(36).slice(2)}`);
    await importIntoDb(db, [sourceFromBytes('orders.csv', new TextEncoder().encode(csv))], {
      format: 'generic',
      mapping: { order: 'order_no', buyer: 'customer', time: 'order_time', amount: 'paid', shipTime: 'ship_time' },
      platform: 'other',
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: '2025-10-06',
      runId: 'r1',
      now: () => 1,
    });
    const buyer = await getBuyer(db, 'other:小鱼');
    const byId = new Map(buyer!.orders.map((o) => [o.orderId, o]));
    expect(byId.get('A1')?.shippedAt).toBe('2025-10-02 09:30:00');
    expect(byId.get('A2')?.shippedAt ?? null).toBeNull();
    db.close();
  });
});
