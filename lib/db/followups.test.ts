import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reminder } from '../reminders/schema';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { HuitoukeDb } from './database';
import { campaignListsNow, followupsForToday, recordCampaignExport } from './followups';
import { actOnReminder } from './reminders';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const NOW = Date.now();

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`followups-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

function reminder(id: string, kind: Reminder['kind'], buyer: string, dueAt: number): Reminder {
  return {
    id,
    buyerId: `taobao:${buyer}`,
    nick: buyer,
    platform: 'taobao',
    kind,
    dueAt,
    createdAt: NOW - 86_400_000,
    source: kind,
    note: '',
    status: 'pending',
    updatedAt: NOW - 2 * HOUR,
  };
}

describe('follow-ups and campaigns in the database', () => {
  it('exporting a campaign records each contact once and completes the reminders, leaving one an agent already handled as the agent left it', async () => {
    await db.reminders.bulkPut([
      reminder('a', 'anniversary', 'a', NOW - HOUR),
      reminder('b', 'anniversary', 'b', NOW - HOUR),
      reminder('c', 'unpaid', 'c', NOW - HOUR),
    ]);
    const [list] = await campaignListsNow(db, NOW, TZ, 7);
    expect(list?.reminders.map((r) => r.id)).toEqual(['a', 'b']);
    // The agent dismisses b between the page's read and the export.
    await actOnReminder(db, 'b', { action: 'dismiss' }, NOW);
    expect(await recordCampaignExport(db, list!.reminders, NOW + 1)).toBe(2);
    expect(await recordCampaignExport(db, list!.reminders, NOW + 2)).toBe(0);
    expect((await db.reminders.get('a'))?.status).toBe('done');
    expect((await db.reminders.get('b'))?.status).toBe('dismissed');
    const log = await db.contactLog.toArray();
    expect(log.map((c) => [c.buyerId, c.kind, c.marketing, c.sent]).sort()).toEqual([
      ['taobao:a', 'greeting', true, undefined],
      ['taobao:b', 'greeting', true, undefined],
    ]);
    expect(await campaignListsNow(db, NOW + 3, TZ, 7)).toEqual([]);
  });

  it("counts what the agent handled today against the day's cap", async () => {
    await db.reminders.bulkPut([
      reminder('u1', 'unpaid', 'a', NOW - HOUR),
      reminder('u2', 'unpaid', 'b', NOW - HOUR),
      reminder('u3', 'shipping', 'c', NOW - HOUR),
    ]);
    const settings = { ...DEFAULT_APP_SETTINGS, timeZone: TZ, followupsPerDay: 2 };
    expect((await followupsForToday(db, NOW, settings)).actionable).toHaveLength(2);
    await actOnReminder(db, 'u1', { action: 'done' }, NOW);
    const after = await followupsForToday(db, NOW, settings);
    expect(after.actionable).toHaveLength(1);
    expect(after.overCap).toBe(1);
  });

  it("in a team, the day's list is this agent's: another member's reminders are counted, not listed", async () => {
    await db.reminders.bulkPut([
      { ...reminder('u1', 'unpaid', 'a', NOW - HOUR), owner: 'm-b' },
      { ...reminder('u2', 'unpaid', 'b', NOW - HOUR), owner: 'm-a' },
      reminder('u3', 'shipping', 'c', NOW - HOUR),
    ]);
    const settings = { ...DEFAULT_APP_SETTINGS, timeZone: TZ, followupsPerDay: 2 };
    const mine = await followupsForToday(db, NOW, settings, 'm-a');
    expect(mine.actionable.map((f) => f.reminder.id).sort()).toEqual(['u2', 'u3']);
    expect(mine.othersOwn).toBe(1);
    expect(mine.overCap).toBe(0);
    const theirs = await followupsForToday(db, NOW, settings, 'm-b');
    expect(theirs.actionable.map((f) => f.reminder.id).sort()).toEqual(['u1', 'u3']);
  });
});
