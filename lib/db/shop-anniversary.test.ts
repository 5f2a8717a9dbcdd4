import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import { applicableCoupons, DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from '../coupons';
import { localDateAt } from '../reminders/time';
import { sampleBuyer } from '../templates/testing';
import { HuitoukeDb } from './database';
import { loadAppSettings, saveAppSettings, SETTINGS_KEY } from './settings';
import { saveShopAnniversary } from './shop-anniversary';

let db: HuitoukeDb;
beforeEach(() => {
  db = new HuitoukeDb(`anniversary-${Math.random().toString(36).slice(2)}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the shop anniversary', () => {
  it('set in settings, makes the 店庆 rule offer its 7折 coupon to every buyer on that day, and on no other', async () => {
    const today = localDateAt(Date.now(), 'Asia/Shanghai');
    const day = addDays(today, 12);
    await saveShopAnniversary(db, day.slice(5), Date.now());
    const settings = await loadAppSettings(db);
    expect(settings.shopAnniversary).toBe(day.slice(5));
    const offered = (on: string) =>
      applicableCoupons(sampleBuyer(), DEFAULT_COUPONS, DEFAULT_COUPON_RULES, {
        today: on,
        shopAnniversary: settings.shopAnniversary,
      })
        .filter((c) => !c.capped)
        .map((c) => c.rule.id);
    expect(offered(day)).toContain('shop_anniversary');
    expect(offered(addDays(day, -1))).not.toContain('shop_anniversary');
    expect(offered(addDays(day, 1))).not.toContain('shop_anniversary');
    // Without an anniversary the rule never fires.
    await saveShopAnniversary(db, null, Date.now());
    expect((await loadAppSettings(db)).shopAnniversary).toBeNull();
  });

  it('changes nothing else in the settings, and refuses a day the calendar does not have or settings it cannot read', async () => {
    await saveAppSettings(db, { ...(await loadAppSettings(db)), agentName: '小王', shopName: '南风女装' });
    await saveShopAnniversary(db, '02-29', 5);
    expect(await loadAppSettings(db)).toMatchObject({
      agentName: '小王',
      shopName: '南风女装',
      shopAnniversary: '02-29',
    });
    await expect(saveShopAnniversary(db, '02-30', 6)).rejects.toThrow(RangeError);
    await db.settings.put({ key: SETTINGS_KEY.app, value: { agentName: 42 }, updatedAt: 7 });
    await expect(saveShopAnniversary(db, '05-01', 8)).rejects.toThrow();
    expect((await db.settings.get(SETTINGS_KEY.app))?.value).toEqual({ agentName: 42 });
  });
});
