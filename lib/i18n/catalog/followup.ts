import type { Catalog } from '../types';

/** Strings of coupons, reminders, contact caps and the send guard. */
export const followup = {
  // Why a coupon is suggested: one part per matched condition.
  followup_reasonEveryone: { zh: '面向全体买家', en: 'For every buyer' },
  followup_reasonLevel: { zh: '会员等级：{level}', en: 'Member level: {level}' },
  followup_reasonSegment: { zh: '价值分层：{segment}', en: 'Value segment: {segment}' },
  followup_reasonStage: { zh: '生命周期：{stage}', en: 'Lifecycle stage: {stage}' },
  followup_reasonOrders: { zh: '近{days}天下单{count}次', en: '{count} orders in the last {days} days' },
  followup_reasonAov: { zh: '客单价 {aov} 元', en: 'Average order {aov}' },
  followup_reasonAovThreshold: {
    zh: '门槛按客单价的{multiplier}倍取整',
    en: 'Threshold set at {multiplier}× the average order, rounded',
  },
  followup_reasonDateWindow: { zh: '活动期 {from} 至 {to}', en: 'Campaign from {from} to {to}' },
  followup_reasonShopAnniversary: { zh: '店庆日（{date}）', en: 'Shop anniversary ({date})' },
  followup_reasonSpecialDay: { zh: '特别日子（{date}）', en: 'Special day ({date})' },
  followup_reasonDaysSince: {
    zh: '距上次购买已{days}天，第{stageDay}天前回购可得',
    en: '{days} days since the last order; offered until day {stageDay}',
  },
  followup_couponCapped: {
    zh: '{days}天内已给过{count}次，{next}起可再给',
    en: 'Already given {count} time(s) in {days} days; available again from {next}',
  },

  // Contact caps.
  followup_capMarketing: {
    zh: '{last}已发过营销消息，每{days}天最多{count}次，{next}后可再发',
    en: 'A marketing message went out on {last}; at most {count} per {days} days, next after {next}',
  },
  followup_capLost: {
    zh: '流失期买家只在大促或店庆时联系',
    en: 'Lost buyers are contacted only during big promotions or the shop anniversary',
  },
  followup_capUnpaid: {
    zh: '{hours}小时内已催付{count}次',
    en: 'Already reminded about payment {count} time(s) in {hours} hours',
  },

  // Send guard.
  followup_guardEmpty: { zh: '消息是空的', en: 'The message is empty' },
  followup_guardTooLong: {
    zh: '{platform}单条消息最多{max}字，当前{length}字',
    en: '{platform} allows {max} characters per message; this one has {length}',
  },
  followup_guardReplyWindow: {
    zh: '买家最后一条消息在{last}，已超过{platform}的{days}天回复期限',
    en: "The buyer's last message was on {last}, beyond {platform}'s {days}-day reply window",
  },
  followup_guardTooManyInARow: {
    zh: '已连续发了{count}条，{platform}最多允许连续{max}条，请等买家回复',
    en: '{count} messages in a row already; {platform} allows {max}. Wait for the buyer to reply',
  },
  followup_guardBlanks: { zh: '还有{count}处没填：{names}', en: '{count} blank(s) still to fill: {names}' },
  followup_guardCouponExpired: {
    zh: '优惠券「{name}」已于{expires}过期',
    en: 'The coupon "{name}" expired on {expires}',
  },
  followup_guardCouponNotYet: {
    zh: '优惠券「{name}」{from}才生效',
    en: 'The coupon "{name}" is valid only from {from}',
  },
  followup_guardSameText: {
    zh: '相同内容{hours}小时内已用于另外{count}位买家，{platform}可能视为群发，建议改写后再发',
    en: 'The same text went to {count} other buyers in the last {hours} hours; {platform} may treat it as mass messaging. Consider rewording it',
  },

  // Reminder kinds.
  followup_kindUnpaid: { zh: '催付', en: 'Payment reminder' },
  followup_kindShipping: { zh: '发货通知', en: 'Shipping notice' },
  followup_kindCheckin: { zh: '到货前回访', en: 'Pre-delivery check-in' },
  followup_kindStageEnd: { zh: '第{day}天前回购提醒', en: 'Repurchase nudge before day {day}' },
  followup_kindDay100: { zh: '首单{day}天问候', en: '{day} days since the first order' },
  followup_kindAnniversary: { zh: '首单{day}周年问候', en: 'First-order anniversary ({day})' },
  followup_kindBirthday: { zh: '生日问候', en: 'Birthday greeting' },
  followup_kindManual: { zh: '跟进', en: 'Follow-up' },
  followup_missedWhileAway: {
    zh: '扩展未运行期间有{count}条提醒到期',
    en: '{count} reminder(s) came due while the extension was not running',
  },

  // Quick reminder entry.
  followup_quickNoTime: {
    zh: '没看出时间，试试“明天10点 回访”或“2小时后 催付”',
    en: 'No time found; try "tomorrow 10am check size" or "in 2 hours follow up"',
  },
  followup_quickPast: { zh: '{time} 已经过去了', en: '{time} is already past' },
  followup_quickInvalid: { zh: '时间“{text}”不成立', en: '"{text}" is not a valid time' },
} satisfies Catalog;

export type FollowupKey = keyof typeof followup;

/** A translatable part: `translate(locale, part.code, part.params)`. */
export interface FollowupReason {
  code: FollowupKey;
  params: Record<string, string | number>;
}
