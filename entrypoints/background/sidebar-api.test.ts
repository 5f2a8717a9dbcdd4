import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactLogOf } from '@/lib/db/contact-log';
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
