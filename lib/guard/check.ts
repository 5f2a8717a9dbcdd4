import type { OutreachReason } from '../i18n/catalog/outreach';
import { DEFAULT_TIME_ZONE, formatLocal, localDateAt } from '../reminders/time';
import type { Platform } from '../schemas/common';
import { repeatLength } from './compliance';
import { DEFAULT_PLATFORM_LIMITS, PLATFORM_NAMES, type ChatLimits } from './platform-limits';
import type { RepeatRule } from './rules';

/** The coupon the text carries; a {@link ResolvedCoupon} fits. */
export interface GuardCoupon {
  validFrom?: string;
  expiresOn: string | null;
  coupon?: { name: string };
}

export interface GuardInput {
  text: string;
  platform: Platform;
  /** Blanks the agent has not filled, as a count or by name. */
  blanksUnfilled: number | readonly string[];
  coupon?: GuardCoupon | null;
  now: number;
  lastBuyerMessageAt?: number | null;
  /** Agent messages since the buyer last wrote, before this one. */
  agentMessagesInARow?: number | null;
  timeZone?: string;
  /** The supervisor's limits for this platform (GuardRules.limits); the product's defaults otherwise (platform-limits.ts). */
  limits?: ChatLimits;
  /**
   * The repeat rule's many-buyers check: the supervisor's rule (GuardRules.repeat) and how many other buyers
   * had this same text (by textFingerprint) inserted within its window, from the contact log.
   */
  sameText?: { rule: RepeatRule; buyers: number } | null;
}

export interface GuardWarning extends OutreachReason {
  /** `block`: the platform rejects it or the buyer would see a gap; `warn`: worth a second look. */
  severity: 'block' | 'warn';
}

const DAY_MS = 86_400_000;

/** Checks run before the text goes into the chat box. Nothing is sent on the agent's behalf either way. */
export function checkBeforeInsert(input: GuardInput): GuardWarning[] {
  const out: GuardWarning[] = [];
  const limits = input.limits ?? DEFAULT_PLATFORM_LIMITS[input.platform];
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const platform = PLATFORM_NAMES[input.platform] || input.platform;

  if (input.text.trim() === '') out.push({ code: 'sendCheck_empty', params: {}, severity: 'block' });
  // Code points, not UTF-16 units: an emoji is one character to the buyer.
  const length = [...input.text].length;
  if (limits?.maxChars !== undefined && length > limits.maxChars) {
    out.push({ code: 'sendCheck_tooLong', params: { platform, max: limits.maxChars, length }, severity: 'block' });
  }
  const last = input.lastBuyerMessageAt;
  if (limits?.replyWindowDays !== undefined && last != null && input.now - last > limits.replyWindowDays * DAY_MS) {
    out.push({
      code: 'sendCheck_replyWindow',
      params: { platform, days: limits.replyWindowDays, last: formatLocal(last, timeZone) },
      severity: 'block',
    });
  }
  const inARow = input.agentMessagesInARow ?? 0;
  if (limits?.maxInARow !== undefined && inARow >= limits.maxInARow) {
    out.push({
      code: 'sendCheck_tooManyInARow',
      params: { platform, count: inARow, max: limits.maxInARow },
      severity: 'block',
    });
  }
  const blanks = input.blanksUnfilled;
  const blankCount = typeof blanks === 'number' ? blanks : blanks.length;
  if (blankCount > 0) {
    out.push({
      code: 'sendCheck_blanks',
      params: { count: blankCount, names: typeof blanks === 'number' ? '' : blanks.join('、') },
      severity: 'block',
    });
  }
  const same = input.sameText;
  if (
    same &&
    same.rule.maxBuyers !== null &&
    (same.rule.buyersPlatforms.length === 0 || same.rule.buyersPlatforms.includes(input.platform))
  ) {
    // Short replies (好的, 谢谢) are the same for everyone and never worth a warning.
    if (same.buyers >= same.rule.maxBuyers && repeatLength(input.text) >= same.rule.minChars) {
      out.push({
        code: 'sendCheck_sameText',
        params: { platform, count: same.buyers, hours: same.rule.windowHours },
        severity: 'warn',
      });
    }
  }
  const coupon = input.coupon;
  if (coupon) {
    const today = localDateAt(input.now, timeZone);
    const name = coupon.coupon?.name ?? '';
    if (coupon.expiresOn !== null && coupon.expiresOn < today) {
      out.push({ code: 'sendCheck_couponExpired', params: { name, expires: coupon.expiresOn }, severity: 'warn' });
    } else if (coupon.validFrom !== undefined && coupon.validFrom > today) {
      out.push({ code: 'sendCheck_couponNotYet', params: { name, from: coupon.validFrom }, severity: 'warn' });
    }
  }
  return out;
}
