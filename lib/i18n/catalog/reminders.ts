import type { Catalog } from '../types';

/** Strings of reminders: their kinds, the quick entry, and the ones missed while away. */
export const reminders = {
  // Reminder kinds.
  reminder_kindUnpaid: { zh: '催付', en: 'Payment reminder' },
  reminder_kindShipping: { zh: '发货通知', en: 'Shipping notice' },
  reminder_kindCheckin: { zh: '到货前回访', en: 'Pre-delivery check-in' },
  reminder_kindStageEnd: { zh: '第{day}天前回购提醒', en: 'Repurchase nudge before day {day}' },
  reminder_kindDay100: { zh: '首单{day}天问候', en: '{day} days since the first order' },
  reminder_kindAnniversary: { zh: '首单{day}周年问候', en: 'First-order anniversary ({day})' },
  reminder_kindBirthday: { zh: '生日问候', en: 'Birthday greeting' },
  reminder_kindManual: { zh: '跟进', en: 'Follow-up' },
  reminder_missedWhileAway: {
    zh: '扩展未运行期间有{count}条提醒到期',
    en: '{count} reminder(s) came due while the extension was not running',
  },
  // Quick reminder entry.
  reminder_quickNoTime: {
    zh: '没看出时间，试试“明天10点 回访”或“2小时后 催付”',
    en: 'No time found; try "tomorrow 10am check size" or "in 2 hours follow up"',
  },
  reminder_quickPast: { zh: '{time} 已经过去了', en: '{time} is already past' },
  reminder_quickInvalid: { zh: '时间“{text}”不成立', en: '"{text}" is not a valid time' },
} satisfies Catalog;

export type ReminderKey = keyof typeof reminders;
