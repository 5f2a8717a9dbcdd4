import type { Catalog } from '../types';

/** Strings of reaching out to buyers: why a coupon, the contact caps, and the send check. */
export const outreach = {
  // Why a coupon is suggested: one part per matched condition.
  coupon_reasonEveryone: { zh: '面向全体买家', en: 'For every buyer' },
  coupon_reasonLevel: { zh: '会员等级：{level}', en: 'Member level: {level}' },
  coupon_reasonSegment: { zh: '价值分层：{segment}', en: 'Value segment: {segment}' },
  coupon_reasonStage: { zh: '生命周期：{stage}', en: 'Lifecycle stage: {stage}' },
  coupon_reasonOrders: { zh: '近{days}天下单{count}次', en: '{count} orders in the last {days} days' },
  coupon_reasonAov: { zh: '客单价 {aov} 元', en: 'Average order {aov}' },
  coupon_reasonAovThreshold: {
    zh: '门槛按客单价的{multiplier}倍取整',
    en: 'Threshold set at {multiplier}× the average order, rounded',
  },
  coupon_reasonDateWindow: { zh: '活动期 {from} 至 {to}', en: 'Campaign from {from} to {to}' },
  coupon_reasonShopAnniversary: { zh: '店庆日（{date}）', en: 'Shop anniversary ({date})' },
  coupon_reasonSpecialDay: { zh: '特别日子（{date}）', en: 'Special day ({date})' },
  coupon_reasonDaysSince: {
    zh: '距上次购买已{days}天，第{stageDay}天前回购可得',
    en: '{days} days since the last order; offered until day {stageDay}',
  },
  coupon_capped: {
    zh: '{days}天内已给过{count}次，{next}起可再给',
    en: 'Already given {count} time(s) in {days} days; available again from {next}',
  },
  // Contact caps.
  contact_capMarketing: {
    zh: '{last}已发过营销消息，每{days}天最多{count}次，{next}后可再发',
    en: 'A marketing message went out on {last}; at most {count} per {days} days, next after {next}',
  },
  contact_capLost: {
    zh: '流失期买家只在大促或店庆时联系',
    en: 'Lost buyers are contacted only during big promotions or the shop anniversary',
  },
  contact_capUnpaid: {
    zh: '{hours}小时内已催付{count}次',
    en: 'Already reminded about payment {count} time(s) in {hours} hours',
  },
  // Send guard.
  sendCheck_empty: { zh: '消息是空的', en: 'The message is empty' },
  sendCheck_tooLong: {
    zh: '{platform}单条消息最多{max}字，当前{length}字',
    en: '{platform} allows {max} characters per message; this one has {length}',
  },
  sendCheck_replyWindow: {
    zh: '买家最后一条消息在{last}，已超过{platform}的{days}天回复期限',
    en: "The buyer's last message was on {last}, beyond {platform}'s {days}-day reply window",
  },
  sendCheck_tooManyInARow: {
    zh: '已连续发了{count}条，{platform}最多允许连续{max}条，请等买家回复',
    en: '{count} messages in a row already; {platform} allows {max}. Wait for the buyer to reply',
  },
  sendCheck_blanks: { zh: '还有{count}处没填：{names}', en: '{count} blank(s) still to fill: {names}' },
  sendCheck_couponExpired: {
    zh: '优惠券「{name}」已于{expires}过期',
    en: 'The coupon "{name}" expired on {expires}',
  },
  sendCheck_couponNotYet: {
    zh: '优惠券「{name}」{from}才生效',
    en: 'The coupon "{name}" is valid only from {from}',
  },
  sendCheck_sameText: {
    zh: '相同内容{hours}小时内已用于另外{count}位买家，{platform}可能视为群发，建议改写后再发',
    en: 'The same text went to {count} other buyers in the last {hours} hours; {platform} may treat it as mass messaging. Consider rewording it',
  },
} satisfies Catalog;

export type OutreachKey = keyof typeof outreach;

/** A translatable part: `translate(locale, part.code, part.params)`. */
export interface OutreachReason {
  code: OutreachKey;
  params: Record<string, string | number>;
}
