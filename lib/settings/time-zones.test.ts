import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '../reminders/time';
import { COMMON_SHOP_ZONES, supportedTimeZones, timeZoneGroups } from './time-zones';

const NOW = Date.now();

describe('the shop time-zone pick', () => {
  it('offers the common shop zones first, labelled in the UI language, then every zone Intl lists', () => {
    const zh = timeZoneGroups('zh-CN', NOW);
    expect(zh[0]!.label).toBe('常用');
    expect(zh[0]!.zones.map((z) => z.id)).toEqual([...COMMON_SHOP_ZONES]);
    expect(zh[0]!.zones[0]!.label).toMatch(/^上海（北京时间） · .*\(UTC\+8\)$/);
    const en = timeZoneGroups('en', NOW);
    expect(en[0]!.label).toBe('Common');
    expect(en[0]!.zones.find((z) => z.id === 'Asia/Ho_Chi_Minh')!.label).toMatch(/^Ho Chi Minh City · .*\(UTC\+7\)$/);
    expect(en.map((g) => g.label)).toContain('Europe');

    const ids = zh.flatMap((g) => g.zones.map((z) => z.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every(isValidTimeZone)).toBe(true);
    // Every zone the runtime names can be picked (an alias of a common zone once, as the common one).
    const supported = supportedTimeZones();
    expect(supported.length).toBeGreaterThan(300);
    expect(ids).toContain('Europe/London');
    expect(ids).not.toContain('Asia/Saigon');
    expect(ids.length).toBeGreaterThanOrEqual(supported.length);
  });

  it('keeps a valid stored zone that is not listed (UTC), so the pick shows what is stored', () => {
    const groups = timeZoneGroups('zh-CN', NOW, 'UTC');
    expect(groups[0]!.zones[0]!.id).toBe('UTC');
    expect(groups[0]!.zones[0]!.label).toMatch(/^UTC \(UTC/);
    expect(timeZoneGroups('zh-CN', NOW, 'Asia/Shanghia')[0]!.zones.map((z) => z.id)).not.toContain('Asia/Shanghia');
  });

  it('still offers the common zones where Intl cannot list zones', () => {
    const groups = timeZoneGroups('en', NOW, undefined, []);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.zones).toHaveLength(COMMON_SHOP_ZONES.length);
  });
});
