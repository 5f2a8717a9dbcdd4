export * from './schema';
export * from './time';
export * from './orders';
export * from './profile';
export * from './lifecycle';
export { parseQuickReminder, type QuickReminderOptions, type QuickReminderResult } from './quick';
