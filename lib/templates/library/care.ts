import type { StageId } from '../../schemas/buyer';
import type { BuiltinSpec } from './define';

/**
 * Care greetings and one re-engagement message per lifecycle stage. These are pushes the buyer
 * did not ask for, so they are marketing and count against contact caps. The stage messages
 * follow the lifecycle playbook: active buyers hear about new or matching items with no discount;
 * silent ones get a best-seller and a small coupon; sleeping ones a bigger offer and a word about
 * their member level; lost ones are only written to during a big promotion.
 */

const CARE = '关怀';
const WIN_BACK = '召回';

export const GREETINGS: BuiltinSpec[] = [
  {
    key: 'greeting.day100',
    title: '首单100天问候',
    folder: CARE,
    shortcut: '/br',
    kind: 'greeting',
    marketing: true,
    conditions: { newBuyer: false },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，从您第一次在{{shop.name|我们店}}下单到今天，正好100天啦。谢谢这段时间的信任，送您一张优惠券：{{coupon.name}}，有效期到{{coupon.expires}}，看到喜欢的随时用。',
      'zh-TW':
        '{{buyer.nick|您好}}，從您第一次在{{shop.name|本店}}購物到今天，剛好滿100天。謝謝這段時間的支持，送您一張優惠券：{{coupon.name}}，使用期限到{{coupon.expires}}，看到喜歡的隨時可以用。',
      en: "Hi {{buyer.nick|there}}, it's been 100 days since your first order with {{shop.name|us}}. Thank you for trusting us! Here's a {{coupon.name}} coupon, valid until {{coupon.expires}}, for whenever something catches your eye.",
    },
  },
  {
    key: 'greeting.anniversary',
    title: '首单周年问候',
    folder: CARE,
    shortcut: '/zn',
    kind: 'greeting',
    marketing: true,
    conditions: { newBuyer: false },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，一年前的今天，您在{{shop.name|我们店}}下了第一单。谢谢这一年的陪伴！准备了一张优惠券“{{coupon.name}}”当作小心意，有效期到{{coupon.expires}}。',
      'zh-TW':
        '{{buyer.nick|您好}}，一年前的今天，您在{{shop.name|本店}}完成了第一筆訂單。謝謝這一年來的支持！準備了一張優惠券「{{coupon.name}}」當作小心意，使用期限到{{coupon.expires}}。',
      en: 'Hi {{buyer.nick|there}}, a year ago today you placed your first order with {{shop.name|us}}. Thanks for a year together! Here is a {{coupon.name}} coupon as a small thank-you, valid until {{coupon.expires}}.',
    },
  },
  {
    key: 'greeting.birthday',
    title: '生日祝福',
    folder: CARE,
    shortcut: '/sr',
    kind: 'greeting',
    marketing: true,
    conditions: { newBuyer: false },
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，祝您生日快乐！{{shop.name|我们}}给您准备了一份生日礼：{{coupon.name}}，有效期到{{coupon.expires}}。愿新的一岁事事顺心。',
      'zh-TW':
        '{{buyer.nick|您好}}，祝您生日快樂！{{shop.name|我們}}為您準備了一份生日禮：{{coupon.name}}，使用期限到{{coupon.expires}}。祝新的一歲一切順心。',
      en: 'Happy birthday, {{buyer.nick|friend}}! Here is a little gift from {{shop.name|us}}: a {{coupon.name}} coupon, valid until {{coupon.expires}}. Wishing you a wonderful year ahead.',
    },
  },
  {
    key: 'greeting.holiday',
    title: '节日问候',
    folder: CARE,
    shortcut: '/jr',
    kind: 'greeting',
    marketing: true,
    variants: {
      'zh-CN':
        '{{buyer.nick|亲}}，{{ask:节日}}快乐！谢谢您一直以来对{{shop.name|小店}}的照顾。假期{{ask:假期发货安排}}，有需要随时找我们。祝您和家人节日愉快！',
      'zh-TW':
        '{{buyer.nick|您好}}，{{ask:節日}}快樂！謝謝您一直以來對{{shop.name|本店}}的支持。連假期間{{ask:假期出貨安排}}，有需要隨時找我們。祝您和家人佳節愉快！',
      en: 'Happy {{ask:holiday}}, {{buyer.nick|friend}}! Thanks for your support of {{shop.name|our shop}}. Over the holiday, {{ask:shipping schedule}}; message us anytime. Wishing you and your family a lovely break!',
    },
  },
];

function reengage(stage: StageId, title: string, shortcut: string, variants: BuiltinSpec['variants']): BuiltinSpec {
  return {
    key: `reengage.${stage}`,
    title,
    folder: WIN_BACK,
    shortcut,
    kind: 'reengage',
    marketing: true,
    conditions: { stages: [stage] },
    variants,
  };
}

export const REENGAGE: BuiltinSpec[] = [
  reengage('prospect', '咨询未下单跟进', '/wxd', {
    'zh-CN':
      '{{buyer.nick|亲}}，上次您问的{{ask:咨询过的商品}}还有货，新朋友首单可以用优惠券“{{coupon.name}}”，有效期到{{coupon.expires}}。有问题随时问我。',
    'zh-TW':
      '{{buyer.nick|您好}}，上次您詢問的{{ask:詢問過的商品}}還有貨喔，新朋友首購可以使用優惠券「{{coupon.name}}」，使用期限到{{coupon.expires}}。有任何問題隨時問我們。',
    en: 'Hi {{buyer.nick|there}}, the {{ask:item}} you asked about is still in stock, and first orders can use the {{coupon.name}} coupon until {{coupon.expires}}. Any questions, just ask.',
  }),
  reengage('active', '活跃期·上新与搭配', '/sx', {
    'zh-CN':
      '{{buyer.nick|亲}}，上次买的{{order.lastItem|宝贝}}用着还顺手吗？店里刚上了{{ask:新品或搭配款}}，和它很搭，先发给您看看，有喜欢的跟我说。',
    'zh-TW':
      '{{buyer.nick|您好}}，上次買的{{order.lastItem|商品}}用起來還順手嗎？店裡剛上架{{ask:新品或搭配款}}，跟它很好搭，先分享給您看看，有喜歡的跟我說。',
    en: "Hi {{buyer.nick|there}}, how are you getting on with the {{order.lastItem|things you ordered}}? We've just added {{ask:new arrivals or matching items}} that go really well with it. Have a look, and tell me if anything catches your eye.",
  }),
  reengage('silent', '沉默期·热卖+小额券', '/cmq', {
    'zh-CN':
      '{{buyer.nick|亲}}，好久没见啦！店里最近大家都在买{{ask:热卖商品}}，给老朋友留了一张优惠券：{{coupon.name}}，有效期到{{coupon.expires}}，有空来看看。',
    'zh-TW':
      '{{buyer.nick|您好}}，好久不見！店裡最近很多人在買{{ask:熱賣商品}}，幫老朋友留了一張優惠券：{{coupon.name}}，使用期限到{{coupon.expires}}，有空來逛逛。',
    en: "Hi {{buyer.nick|there}}, it's been a while! Lots of people are loving {{ask:best-seller}} right now, and we've saved a {{coupon.name}} coupon for you, valid until {{coupon.expires}}. Drop by when you have a moment.",
  }),
  reengage('sleeping', '睡眠期·大额优惠+等级提醒', '/sm', {
    'zh-CN':
      '{{buyer.nick|亲}}，您上次下单是{{buyer.lastOrderDate|几个月前}}，{{buyer.level|会员}}等级近期可能会调整，到时{{buyer.discount|会员折扣}}就用不上了。特意为您申请了一张优惠券：{{coupon.name}}，有效期到{{coupon.expires}}，趁这次把等级保住吧。',
    'zh-TW':
      '{{buyer.nick|您好}}，您上次下單是{{buyer.lastOrderDate|幾個月前}}，{{buyer.level|會員}}等級近期可能會調整，屆時{{buyer.discount|會員折扣}}就無法使用了。特別為您申請了一張優惠券：{{coupon.name}}，使用期限到{{coupon.expires}}，趁這次把等級留住吧。',
    en: 'Hi {{buyer.nick|there}}, your last order with us was {{buyer.lastOrderDate|a few months ago}}, and your {{buyer.level|member}} level, with its {{buyer.discount|member discount}}, may be reviewed soon. We have set aside a {{coupon.name}} coupon for you, valid until {{coupon.expires}}, to help you keep it.',
  }),
  reengage('lost', '流失期·大促唤醒', '/ls', {
    'zh-CN':
      '{{buyer.nick|亲}}，好久不见，{{ask:大促名称}}开始啦！全店{{ask:活动力度}}，另外给老朋友加一张优惠券：{{coupon.name}}，有效期到{{coupon.expires}}。不多打扰，有需要随时回来逛逛。',
    'zh-TW':
      '{{buyer.nick|您好}}，好久不見，{{ask:大型活動名稱}}開跑了！全店{{ask:活動優惠}}，另外再送老朋友一張優惠券：{{coupon.name}}，使用期限到{{coupon.expires}}。不多打擾，有需要隨時回來逛逛。',
    en: "Hi {{buyer.nick|there}}, it's been a long time! Our {{ask:big sale, e.g. 11.11 or anniversary}} is on, with {{ask:sale offer}} across the shop, plus a {{coupon.name}} coupon for old friends, valid until {{coupon.expires}}. We won't bother you often; drop by whenever you like.",
  }),
];
