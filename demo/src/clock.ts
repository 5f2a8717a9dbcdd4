import { DEMO_TIME_ZONE } from '../../lib/demo/time';
import { inZone } from '../../lib/import/dates';

/**
 * The demo shop's wall clock (Asia/Shanghai, the zone of its data and of the extension's default
 * settings), whatever the browser's zone: an order's time is read by the extension as shop time,
 * as real consoles show it.
 */
/** `YYYY-MM-DD HH:mm:ss`, as the order panel shows an order's time. */
export const shopStamp = (now: number): string => inZone(now, DEMO_TIME_ZONE);
/** `HH:mm`, as the thread shows a message's time. */
export const shopClock = (now: number): string => shopStamp(now).slice(11, 16);
