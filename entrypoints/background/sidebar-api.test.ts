import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactLogOf, recordContact } from '@/lib/db/contact-log';
import { textFingerprint } from '@/lib/guard';
import { BuyerLookupSchema, SidebarResultSchemas } from '@/lib/schemas/sidebar-rpc';
import { computeBuyerMetrics } from '@/lib/metrics/compute';
import { recordConsoleOrders } from '@/lib/db/order-links';
import type { Order } from '@/lib/schemas/order';
import { HuitoukeDb } from '@/lib/db/database';
import { loadTemplates, seedPlaybook } from '@/lib/db/playbook';
import { answerSidebar } from './sidebar-api';

const NOW = Date.UTC(2026, 5, 1, 4);
let db: HuitoukeDb;
let n = 0;
beforeEach(async () => {
  db = new HuitoukeDb(`sidebar-api-test-${++n}`);
  await seedPlaybook(db, NOW - 86_400_000);
});
afterEach(async () => {
  await db.delete();
});

const BUYER = 'taobao:小鹿';

describe('recordInsert', () => {
  it('logs an insert and counts its template once, however often the sidebar asks', async () => {
    const size = (await loadTemplates(db)).find((t) => t.shortcut === '/cm')!;
    const request = {
      method: 'recordInsert',
      requestId: 'ins-1',
      buyerId: BUYER,
      templateId: size.id,
      text: '小鹿，这款偏大半码',
    } as const;
    const first = await answerSidebar(db, request, NOW);
    // The worker stopped before its answer reached the sidebar: the same request comes again.
    const again = await answerSidebar(db, request, NOW + 3000);
    expect(again).toEqual(first);
    const log = await contactLogOf(db, BUYER);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ templateId: size.id, kind: 'concern', sent: false, at: NOW });
    const used = (await loadTemplates(db)).find((t) => t.id === size.id)!;
    expect(used.usageCount).toBe(size.usageCount + 1);
    expect(used.lastUsedAt).toBe(NOW);
  });
});

describe('suggestionContext', () => {
  it("tells the sidebar which texts other buyers had inside the repeat rule's window, for the many-buyers check", async () => {
    const notice = '亲，您的包裹已经发出，请注意查收哦！';
    for (const [i, at] of [NOW - 3_600_000, NOW - 2 * 3_600_000, NOW - 25 * 3_600_000].entries()) {
      await recordContact(
        db,
        { buyerId: `shopee:b${i}`, templateId: null, kind: 'custom', marketing: false, text: notice },
        at,
      );
    }
    await recordContact(
      db,
      { buyerId: `shopee:b3`, templateId: null, kind: 'custom', marketing: false, text: notice },
      NOW - 60_000,
    );
    const ctx = SidebarResultSchemas.suggestionContext.parse(
      await answerSidebar(db, { method: 'suggestionContext', buyerId: 'shopee:me' }, NOW),
    );
    // Three other buyers in the default 24 hours (the fourth entry is 25 hours old).
    expect(ctx.sameText).toEqual([{ fingerprint: textFingerprint(notice), buyers: 3 }]);
    const own = SidebarResultSchemas.suggestionContext.parse(
      await answerSidebar(db, { method: 'suggestionContext', buyerId: 'shopee:b3' }, NOW),
    );
    expect(own.sameText).toEqual([{ fingerprint: textFingerprint(notice), buyers: 2 }]);
  });
});

describe('buyer, for a team agent who imported nothing', () => {
  const ASOF = '2026-06-01';
  // The supervisor imported one paid order of this buyer on the shop server.
  const serverOrder: Order = {
    platform: 'pinduoduo',
    orderId: 'PDD-OLD',
    buyerKey: 'pdd_u1',
    buyerNick: null,
    status: 'completed',
    rawStatus: null,
    createdAt: '2026-05-02 10:00:00',
    paidAt: '2026-05-02 10:01:00',
    paidCents: 10_000,
    refundCents: null,
    lines: [],
    sources: ['run-1'],
  };
  function server() {
    const asked: { orders?: readonly string[] }[] = [];
    return {
      asked,
      lookupBuyer: async (q: { orders?: readonly string[] }) => {
        asked.push(q);
        const metrics = computeBuyerMetrics([serverOrder]);
        return {
          buyer: { id: 'pinduoduo:pdd_u1', nick: '小鹿', platform: 'pinduoduo' as const, metrics },
          profile: null,
          orders: [],
          match: { by: 'id' as const, sameNick: 1 },
          anyData: true,
          ...(q.orders?.length ? { known: q.orders.filter((id) => id === 'PDD-OLD') } : {}),
        };
      },
    };
  }
  const ask = { method: 'buyer', platform: 'pinduoduo', id: 'pdd_u1', nick: '小鹿', asOf: ASOF } as const;

  it('still asks the shop server once the order panel taught an order, and adds the order the server lacks', async () => {
    await recordConsoleOrders(
      db,
      {
        platform: 'pinduoduo',
        buyerKey: 'pdd_u1',
        orders: [{ id: 'PDD-NEW', status: 'paid', paidCents: 5_000, createdAt: '2026-05-30 09:00:00' }],
      },
      'Asia/Shanghai',
      NOW,
    );
    const team = server();
    const answer = BuyerLookupSchema.parse(await answerSidebar(db, ask, NOW, team));
    expect(team.asked.map((q) => q.orders)).toEqual([['PDD-NEW']]);
    expect(answer.buyer?.id).toBe('pinduoduo:pdd_u1');
    expect(answer.buyer?.metrics).toMatchObject({
      paidOrders: 2,
      netCents: 15_000,
      lastPaidDate: '2026-05-30',
      firstPaidDate: '2026-05-02',
    });
    expect(answer.live).toEqual({ orderIds: ['PDD-NEW'], linked: 0 });
    expect(answer.orders.map((o) => o.orderId)).toEqual(['PDD-NEW']);
    expect(answer).not.toHaveProperty('known');
  });

  it('counts an order the panel showed once when the server already has it imported', async () => {
    await recordConsoleOrders(
      db,
      {
        platform: 'pinduoduo',
        buyerKey: 'pdd_u1',
        orders: [{ id: 'PDD-OLD', status: 'completed', paidCents: 10_000 }],
      },
      'Asia/Shanghai',
      NOW,
    );
    const answer = BuyerLookupSchema.parse(await answerSidebar(db, ask, NOW, server()));
    expect(answer.buyer?.metrics).toMatchObject({ paidOrders: 1, netCents: 10_000 });
    expect(answer.live).toBeUndefined();
  });
});
