import type { IssuedCoupon } from '../coupons/schema';
import type { OutreachReason } from '../i18n/catalog/outreach';
import type { MonthDay } from '../reminders/schema';
import { DEFAULT_TIME_ZONE, formatLocal, localDateAt } from '../reminders/time';
import type { BuyerProfile } from '../schemas/buyer';
import type { ContactLogEntry, ContactPolicy } from './schema';

export interface ContactContext {
  timeZone?: string;
  /** `MM-DD` from settings. */
  shopAnniversary?: MonthDay | null;
}

export interface ContactCheck {
  capped: boolean;
  reason?: OutreachReason;
}

/** What is about to be sent: a template's kind and whether it is marketing. */
export interface ContactIntent {
  kind: string;
  marketing: boolean;
}

const HOUR_MS = 3_600_000;

function counts(e: ContactLogEntry): boolean {
  return e.sent !== false && e.deletedAt === undefined;
}

/** Whether `today`'s month-day falls inside a yearly window (windows may wrap over New Year). */
function inYearlyWindow(monthDay: string, from: string, to: string): boolean {
  return from <= to ? from <= monthDay && monthDay <= to : monthDay >= from || monthDay <= to;
}

export function inPromotion(policy: ContactPolicy, now: number, ctx: ContactContext = {}): boolean {
  if (policy.promotionActive) return true;
  const monthDay = localDateAt(now, ctx.timeZone ?? DEFAULT_TIME_ZONE).slice(5);
  if (policy.shopAnniversaryIsPromotion && ctx.shopAnniversary === monthDay) return true;
  return policy.promotionWindows.some((w) => inYearlyWindow(monthDay, w.from, w.to));
}

/**
 * May this buyer get this message now? Service replies (answers, shipping notices, check-ins)
 * always may; unpaid reminders up to the 24-hour cap; marketing at most once a week and, for
 * lost buyers, only during promotions. Entries marked `sent: false` do not count.
 */
export function checkContact(
  profile: BuyerProfile,
  intent: ContactIntent,
  log: readonly ContactLogEntry[],
  policy: ContactPolicy,
  now: number,
  ctx: ContactContext = {},
): ContactCheck {
  if (policy.serviceKinds.includes(intent.kind)) return { capped: false };
  const mine = log.filter((e) => e.buyerId === profile.id && counts(e) && e.at <= now);
  const timeZone = ctx.timeZone ?? DEFAULT_TIME_ZONE;

  if (intent.kind === policy.unpaidKind) {
    const { count, hours } = policy.unpaidCap;
    const recent = mine.filter((e) => e.kind === policy.unpaidKind && e.at > now - hours * HOUR_MS);
    if (recent.length >= count)
      return { capped: true, reason: { code: 'contact_capUnpaid', params: { count: recent.length, hours } } };
    return { capped: false };
  }
  if (!intent.marketing) return { capped: false };

  if (policy.lostOnlyInPromotions && profile.stage.id === 'lost' && !inPromotion(policy, now, ctx)) {
    return { capped: true, reason: { code: 'contact_capLost', params: {} } };
  }
  const { count, days } = policy.marketingCap;
  const windowMs = days * 24 * HOUR_MS;
  const recent = mine
    .filter((e) => e.marketing && e.at > now - windowMs)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  if (recent.length >= count) {
    const last = recent[recent.length - 1] ?? now;
    const next = (recent[recent.length - count] ?? now) + windowMs;
    return {
      capped: true,
      reason: {
        code: 'contact_capMarketing',
        params: { last: formatLocal(last, timeZone), next: formatLocal(next, timeZone), count, days },
      },
    };
  }
  return { capped: false };
}

/** Coupons given, as the coupon caps need them, from the contact log. */
export function issuedFromContactLog(
  log: readonly ContactLogEntry[],
  timeZone: string = DEFAULT_TIME_ZONE,
): IssuedCoupon[] {
  return log
    .filter((e) => e.couponId !== undefined && counts(e))
    .map((e) => ({ buyerId: e.buyerId, couponId: e.couponId ?? '', issuedOn: localDateAt(e.at, timeZone) }));
}
