import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HuitoukeDb } from '../db/database';
import { directActions, performAction } from './actions';

/**
 * One service, two transports: the popup's direct call does what the sidebar's port does, on the
 * clock it is given (the background's), and refuses what the port refuses.
 */
const NOW = Date.now();
let db: HuitoukeDb;
let n = 0;
beforeEach(async () => {
  db = new HuitoukeDb(`actions-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const quick = {
  method: 'addReminder',
  buyerId: 'taobao:tb_a',
  nick: '小鹿',
  platform: 'taobao',
  text: '明天10点回访',
} as const;

describe('actions', () => {
  it('a snooze from the popup lands where the sidebar’s would, on the clock it was given', async () => {
    const shifted = NOW + 3 * 86_400_000;
    const actions = directActions(db, async () => shifted);
    const added = await actions(quick);
    if (!added.ok) throw new Error('not added');
    const snoozed = await actions({ method: 'reminderAction', id: added.reminder.id, action: 'snooze', minutes: 30 });
    expect(snoozed?.snoozedUntil).toBe(shifted + 30 * 60_000);

    const viaPort = (await performAction(db, quick, shifted)) as typeof added;
    if (!viaPort.ok) throw new Error('not added');
    const portSnoozed = (await performAction(
      db,
      { method: 'reminderAction', id: viaPort.reminder.id, action: 'snooze', minutes: 30 },
      shifted,
    )) as typeof snoozed;
    expect(portSnoozed?.snoozedUntil).toBe(snoozed?.snoozedUntil);
  });

  it('refuses what the port refuses: a read, an out-of-range snooze', async () => {
    const actions = directActions(db, async () => NOW);
    await expect(actions({ method: 'notes', buyerId: 'taobao:tb_a' } as never)).rejects.toThrow();
    await expect(actions({ method: 'reminderAction', id: 'x', action: 'snooze', minutes: 0 })).rejects.toThrow();
  });
});
