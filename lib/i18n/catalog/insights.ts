import type { Catalog } from '../types';

/** The dashboard's stimulus-response analysis (lib/insights). */
export const insights = {
  ws_out_sub: {
    zh: '被联系的买家在联系后 N 天内付款下单的比例（刺激响应率），对比对照组的自然回购率：从未被联系的买家中随机抽取，与被联系的买家在联系那一刻处于同一生命周期阶段、同为新客或老客（对照池 {sample} 人，每次联系配 {per} 人）。联系当天、联系之后付款的订单也算。订单数据截至 {through}，N 天还没过完的联系暂不计入。',
    en: 'The share of contacted buyers who paid for an order within N days after the contact (stimulus response), beside the natural repurchase rate of a control group drawn at random from buyers never contacted who, at the moment of the contact, were in the same lifecycle stage and likewise new or returning (pool of {sample}, {per} per contact). An order paid later on the contact day counts. Orders are known up to {through}; contacts whose N days are not over yet are not counted.',
  },
  ws_out_byPeriod: { zh: '按观察周期', en: 'By period' },
  ws_out_byKind: { zh: '按跟进方式（{days} 天）', en: 'By kind of contact ({days} days)' },
  ws_out_period: { zh: '联系后', en: 'After contact' },
  ws_out_control: { zh: '对照人次', en: 'Controls' },
  ws_out_group_coupon: { zh: '优惠券', en: 'Coupons' },
  ws_out_group_reengage: { zh: '召回话术（无券）', en: 'Win-back messages (no coupon)' },
  ws_out_group_care: { zh: '关怀问候与回访', en: 'Care: greetings, thanks, check-ins' },
  ws_out_group_unpaid: { zh: '催付跟进', en: 'Unpaid-order follow-ups' },
  ws_out_group_service: { zh: '答疑与服务', en: 'Answers and service' },
  ws_out_group_other: { zh: '其他', en: 'Other' },
  ws_out_coupon: { zh: '· {name}', en: '· {name}' },
  ws_out_natural: { zh: '对照组自然回购（同类买家、未联系）', en: 'Natural repurchase (alike buyers, not contacted)' },
} satisfies Catalog;
