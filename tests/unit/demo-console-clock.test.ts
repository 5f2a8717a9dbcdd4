import { afterEach, describe, expect, it } from 'vitest';
import { shopClock, shopStamp } from '../../demo/src/clock';
import { epochAt, localDateAt } from '../../lib/reminders/time';

const SHOP = 'Asia/Shanghai';
const machineZone = process.env.TZ;

describe("the demo console's clock", () => {
  afterEach(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Kolkata'])(
    'stamps orders and messages in shop time on a machine in %s',
    (zone) => {
      process.env.TZ = zone;
      const date = localDateAt(Date.now(), SHOP);
      const at = epochAt(date, 14 * 60 + 5, SHOP) + 7_000; // 14:05:07 at the shop
      expect(shopStamp(at)).toBe(`${date} 14:05:07`);
      expect(shopClock(at)).toBe('14:05');
    },
  );
});
