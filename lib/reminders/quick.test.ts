import { describe, expect, it } from 'vitest';
import { parseQuickReminder } from './quick';
import { epochOfLocalDateTime, formatLocal } from './time';

const TZ = 'Asia/Shanghai';
// Wednesday 2025-05-14, 14:07 in Shanghai.
const NOW = epochOfLocalDateTime('2025-05-14 14:07:00', TZ);

function parsed(text: string, now = NOW, tz = TZ): [string, string] | string {
  const r = parseQuickReminder(text, now, tz);
  return r.ok ? [formatLocal(r.dueAt, tz), r.note] : r.error.code;
}

describe('parseQuickReminder', () => {
  it.each([
    ['明天10点回访，问尺码是否合适', '2025-05-15 10:00', '回访，问尺码是否合适'],
    ['3天后 问物流', '2025-05-17 14:07', '问物流'],
    ['3天后10点 回访', '2025-05-17 10:00', '回访'],
    ['下周一 9:30 催付', '2025-05-19 09:30', '催付'],
    ['今晚8点', '2025-05-14 20:00', ''],
    ['2h 回访', '2025-05-14 16:07', '回访'],
    ['tomorrow 10am check size', '2025-05-15 10:00', 'check size'],
    ['30分钟后 再催一次', '2025-05-14 14:37', '再催一次'],
    ['半小时后 确认地址', '2025-05-14 14:37', '确认地址'],
    ['一个半小时后 回访', '2025-05-14 15:37', '回访'],
    ['两个小时后 跟进退款', '2025-05-14 16:07', '跟进退款'],
    ['后天下午三点半 回访', '2025-05-16 15:30', '回访'],
    ['明早9点 发货信', '2025-05-15 09:00', '发货信'],
    ['明天十点一刻', '2025-05-15 10:15', ''],
    ['周五 14:00 推荐新品', '2025-05-16 14:00', '推荐新品'],
    ['星期三 问评价', '2025-05-21 10:00', '问评价'],
    ['5月20日 10点 生日问候', '2025-05-20 10:00', '生日问候'],
    ['3月1日 回访', '2026-03-01 10:00', '回访'],
    ['2025-06-01 09:00 618预热', '2025-06-01 09:00', '618预热'],
    ['20号 回访', '2025-05-20 10:00', '回访'],
    ['15:30 回访', '2025-05-14 15:30', '回访'],
    ['8点 回访', '2025-05-14 20:00', '回访'],
    ['下午3点 问物流', '2025-05-14 15:00', '问物流'],
    ['中午12点半 回电话', '2025-05-15 12:30', '回电话'],
    ['明天１０：３０ 回访', '2025-05-15 10:30', '回访'],
    ['in 2 hours call back', '2025-05-14 16:07', 'call back'],
    ['in half an hour ping', '2025-05-14 14:37', 'ping'],
    ['next monday 9:30 follow up', '2025-05-19 09:30', 'follow up'],
    ['Remind me to ask about the refund tomorrow at 3pm', '2025-05-15 15:00', 'ask about the refund'],
    ['明天 问能不能便宜一点', '2025-05-15 10:00', '问能不能便宜一点'],
  ])('%s', (text, due, note) => {
    expect(parsed(text)).toEqual([due, note]);
  });

  it('explains what it could not read', () => {
    expect(parsed('回访一下')).toBe('reminder_quickNoTime');
    expect(parsed('')).toBe('reminder_quickNoTime');
    expect(parsed('今天8点 回访')).toBe('reminder_quickPast');
    expect(parsed('25点 回访')).toBe('reminder_quickInvalid');
    expect(parsed('2月30日 回访')).toBe('reminder_quickInvalid');
    expect(parsed('13pm')).toBe('reminder_quickInvalid');
  });

  it('reads the clock in the shop time zone it is given', () => {
    const ny = 'America/New_York';
    const now = epochOfLocalDateTime('2025-03-08 12:00:00', ny);
    // The US switches to daylight time overnight; 10:00 is still 10:00 on the wall.
    expect(parsed('明天10点 回访', now, ny)).toEqual(['2025-03-09 10:00', '回访']);
    expect(parsed('tomorrow 10am', NOW, 'Europe/London')).toEqual(['2025-05-15 10:00', '']);
  });
});
