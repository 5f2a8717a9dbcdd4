import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactLogOf, recordContact } from '@/lib/db/contact-log';
import { textFingerprint } from '@/lib/guard';
import { SidebarResultSchemas } from '@/lib/schemas/sidebar-rpc';
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
    const request = { method: 'recordInsert', requestId: 'ins-1', buyerId: BUYER, templateId: size.id, text: '小鹿，这款偏大半码' } as const;
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
      await recordContact(db, { buyerId: `shopee:b${i}`, templateId: null, kind: 'custom', marketing: false, text: notice }, at);
    }
    await recordContact(db, { buyerId: `shopee:b3`, templateId: null, kind: 'custom', marketing: false, text: notice }, NOW - 60_000);
    const ctx = SidebarResultSchemas.suggestionContext.parse(await answerSidebar(db, { method: 'suggestionContext', buyerId: 'shopee:me' }, NOW));
    // Three other buyers in the default 24 hours (the fourth entry is 25 hours old).
    expect(ctx.sameText).toEqual([{ fingerprint: textFingerprint(notice), buyers: 3 }]);
    const own = SidebarResultSchemas.suggestionContext.parse(await answerSidebar(db, { method: 'suggestionContext', buyerId: 'shopee:b3' }, NOW));
    expect(own.sameText).toEqual([{ fingerprint: textFingerprint(notice), buyers: 2 }]);
  });
});
