import { describe, expect, it } from 'vitest';
import { catchUp, complete, dismiss, dueReminders, manualReminder, nextAlarmTime, snooze } from './lifecycle';
import { remindersFromOrders } from './orders';
import { DEFAULT_REMINDER_RULES, ReminderSchema, type Reminder } from './schema';
import { epochOfLocalDateTime } from './time';

const TZ = 'Asia/Shanghai';
const at = (time: string) => epochOfLocalDateTime(`2025-05-14 ${time}:00`, TZ);

function reminder(id: string, due: string, patch: Partial<Reminder> = {}): Reminder {
  return {
    ...manualReminder(
      { id, buyerId: 'pinduoduo:p1', nick: 'p1', platform: 'pinduoduo', dueAt: at(due), note: id },
      at('08:00'),
    ),
    ...patch,
  };
}

/** What the background does on each wake-up: catch up, then store what fired. */
function wake(store: Reminder[], now: number, lastRunAt: number | null) {
  const result = catchUp(store, now, lastRunAt);
  const fired = new Map(result.fire.map((r) => [r.id, r]));
  return { result, store: store.map((r) => fired.get(r.id) ?? r) };
}

describe('catch-up', () => {
  const store = [reminder('a', '10:00'), reminder('b', '11:00'), reminder('c', '15:00')];

  it('fires both reminders missed while the service worker was stopped, once', () => {
    const first = wake(store, at('12:00'), at('09:30'));
    expect(first.result.fire.map((r) => r.id)).toEqual(['a', 'b']);
    expect(first.result.fire.every((r) => r.firedAt === at('12:00'))).toBe(true);
    expect(first.result.missedWhileAway).toEqual(['a', 'b']);
    expect(first.result.nextAlarmAt).toBe(at('15:00'));
    const again = wake(first.store, at('12:01'), at('12:00'));
    expect(again.result.fire).toEqual([]);
  });

  it('survives a browser restart: state read back from storage fires nothing twice', () => {
    const first = wake(store, at('12:00'), at('09:30'));
    const persisted = JSON.parse(JSON.stringify(first.store)) as unknown[];
    const restored = persisted.map((r) => ReminderSchema.parse(r));
    const afterRestart = wake(restored, at('16:00'), at('12:00'));
    expect(afterRestart.result.fire.map((r) => r.id)).toEqual(['c']);
    expect(afterRestart.result.missedWhileAway).toEqual(['c']);
    expect(afterRestart.result.nextAlarmAt).toBeNull();
    const secondRestart = wake(
      JSON.parse(JSON.stringify(afterRestart.store)).map((r: unknown) => ReminderSchema.parse(r)),
      at('17:00'),
      at('16:00'),
    );
    expect(secondRestart.result.fire).toEqual([]);
  });

  it('does not count an alarm that rang on time as missed', () => {
    const onTime = wake(store, at('10:00') + 2_000, at('09:59'));
    expect(onTime.result.fire.map((r) => r.id)).toEqual(['a']);
    expect(onTime.result.missedWhileAway).toEqual([]);
  });

  it('never fires done, dismissed or deleted reminders', () => {
    const closed = [
      complete(reminder('a', '10:00'), at('09:00')),
      dismiss(reminder('b', '10:00'), at('09:00')),
      reminder('d', '10:00', { deletedAt: at('09:00') }),
    ];
    expect(catchUp(closed, at('12:00'), null).fire).toEqual([]);
    expect(nextAlarmTime(closed, at('12:00'))).toBeNull();
    expect(dueReminders(closed, at('12:00'))).toEqual([]);
  });
});

describe('snooze and the single alarm', () => {
  it('rings again at the snoozed time after having fired', () => {
    const fired = wake([reminder('a', '10:00')], at('10:00'), at('09:00')).store;
    const snoozed = fired.map((r) => snooze(r, at('13:00'), at('10:05')));
    expect(nextAlarmTime(snoozed, at('10:05'))).toBe(at('13:00'));
    expect(dueReminders(snoozed, at('12:00'))).toEqual([]);
    expect(wake(snoozed, at('13:00'), at('10:05')).result.fire.map((r) => r.id)).toEqual(['a']);
    expect(() => snooze(fired[0]!, at('09:00'), at('10:05'))).toThrow(RangeError);
  });

  it('points at the earliest unfired reminder, or now when one is overdue', () => {
    const list = [reminder('late', '15:00'), reminder('early', '11:00')];
    expect(nextAlarmTime(list, at('09:00'))).toBe(at('11:00'));
    expect(nextAlarmTime(list, at('12:00'))).toBe(at('12:00'));
    expect(nextAlarmTime([], at('12:00'))).toBeNull();
    expect(dueReminders(list, at('16:00')).map((r) => r.id)).toEqual(['early', 'late']);
  });

  it('keeps an agent-entered time inside quiet hours, unlike automatic ones', () => {
    const manual = manualReminder(
      { buyerId: 'taobao:x', nick: 'x', platform: 'taobao', dueAt: at('23:30'), note: '确认地址' },
      at('20:00'),
    );
    expect(manual.dueAt).toBe(at('23:30'));
    const auto = remindersFromOrders(
      { events: [{ kind: 'created', platform: 'taobao', buyerKey: 'x', orderId: 'O1', at: at('23:20') }] },
      DEFAULT_REMINDER_RULES,
      at('23:21'),
      [],
      TZ,
    );
    expect(auto[0]?.dueAt).toBe(epochOfLocalDateTime('2025-05-15 08:00:00', TZ));
  });
});
