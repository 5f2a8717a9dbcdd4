import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote } from '@/lib/db/annotations';
import { changeScope } from '@/lib/db/change-scope';
import { HuitoukeDb } from '@/lib/db/database';
import type { ConsoleBuyer } from '@/lib/schemas/ids';
import type { SidebarView } from '@/lib/schemas/sidebar-view';
import { createSidebarViews, type SidebarViews } from './sidebar-views';

/**
 * The views' recomputations, counted: a change touches only the tabs showing its buyer, and a
 * burst of changes (an import's many transactions) is one recomputation, not one per transaction.
 * The views listen to the database's real change events, as the background does.
 */
const A: ConsoleBuyer = { platform: 'taobao', id: 'tb_a', nick: '小鹿' };
const B: ConsoleBuyer = { platform: 'taobao', id: 'tb_b', nick: '阿福' };
const recordId = (b: ConsoleBuyer) => `${b.platform}:${b.id}`;

let db: HuitoukeDb;
let n = 0;
let views: SidebarViews;
let computed: string[];
let pushed: [number, string | null][];
let onMutated: (parts: Record<string, unknown>) => void;

function setup(opts: { quietMs?: number; intervalMs?: number; slow?: number } = {}) {
  computed = [];
  pushed = [];
  views = createSidebarViews({
    compute: async (buyer) => {
      computed.push(buyer?.nick ?? '-');
      if (opts.slow) await new Promise((r) => setTimeout(r, opts.slow));
      return {
        now: 0,
        today: '2026-01-01',
        conversation: buyer ? { for: buyer, buyerId: recordId(buyer) } : null,
      } as unknown as SidebarView;
    },
    push: (tabId, view) => pushed.push([tabId, view.conversation?.for.nick ?? null]),
    fail: () => {},
    wanted: () => true,
    ...opts,
  });
  onMutated = (parts) => views.changed(changeScope(parts, db.name));
  Dexie.on('storagemutated', onMutated);
}

beforeEach(async () => {
  db = new HuitoukeDb(`sidebar-views-${++n}`);
  await db.open();
});
afterEach(async () => {
  Dexie.on('storagemutated').unsubscribe(onMutated);
  db.close();
  await db.delete();
});

describe('sidebar views', () => {
  it('a note added on buyer A recomputes the tabs showing A, not the tab showing B', async () => {
    setup();
    views.show(1, A);
    views.show(2, B);
    views.show(3, A);
    await views.idle();
    expect(computed.sort()).toEqual(['小鹿', '小鹿', '阿福']);
    computed = [];
    await addNote(db, recordId(A), '要开发票', '客服1', Date.now());
    await new Promise((r) => setTimeout(r, 100));
    await views.idle();
    expect(computed).toEqual(['小鹿', '小鹿']);
    // A change the views cannot place (a setting) recomputes every tab, once.
    computed = [];
    await db.settings.put({ key: 'x', value: 1 } as never);
    await new Promise((r) => setTimeout(r, 100));
    await views.idle();
    expect(computed.sort()).toEqual(['小鹿', '小鹿', '阿福']);
  });

  it('an import’s many transactions recompute each tab once per interval, not once per transaction', async () => {
    setup({ quietMs: 40, intervalMs: 60_000 });
    views.show(1, A);
    views.show(2, B);
    await views.idle();
    computed = [];
    // 300 transactions back to back, as an import writes its chunks: the first one's batch, then
    // nothing until the interval has passed (the test's idle() stands for its end).
    for (let i = 0; i < 300; i++) await db.settings.put({ key: `chunk-${i}`, value: i } as never);
    await new Promise((r) => setTimeout(r, 100));
    expect(computed.sort()).toEqual(['小鹿', '阿福']);
    await views.idle();
    expect(computed.sort()).toEqual(['小鹿', '小鹿', '阿福', '阿福']);
  });

  it('while changes about everything keep coming, views are recomputed at most once per interval', async () => {
    setup({ quietMs: 40, intervalMs: 200 });
    views.show(1, A);
    await views.idle();
    computed = [];
    const started = Date.now();
    // A change every 10 ms for about a second.
    while (Date.now() - started < 1000) {
      views.changed({ all: true });
      await new Promise((r) => setTimeout(r, 10));
    }
    const elapsed = Date.now() - started;
    await views.idle();
    expect(computed.length).toBeGreaterThanOrEqual(2);
    expect(computed.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
  });

  it('a switch while a view is computed pushes only the view of the buyer shown now', async () => {
    setup({ slow: 30 });
    views.show(1, A);
    views.show(1, B);
    await views.idle();
    expect(pushed).toEqual([[1, '阿福']]);
    // A sidebar linking again gets the current view without a recomputation.
    computed = [];
    views.bound(1);
    expect(pushed.at(-1)).toEqual([1, '阿福']);
    expect(computed).toEqual([]);
  });
});
