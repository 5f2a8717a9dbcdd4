import { ask, type Episode } from './episode';

/** Baby products: parents ask first whether it is safe for the child. */
export const BABY_EPISODES: Episode[] = [
  {
    key: 'bottle-newborn',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b304',
    past: [['card']],
    script: [
      ask('新生儿能用吗，玻璃的装热奶会不会烫手', 'baby_safety'),
      ask('奶嘴是什么材质，有没有双酚A', 'baby_safety'),
    ],
  },
  {
    key: 'wipes-mouth',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b302',
    past: [
      ['b', '湿巾是一次发六包吗'],
      ['a', '是的亲，80抽×6包，一箱发出～'],
    ],
    script: [ask('宝宝才两个月，能用来擦嘴擦手吗', 'baby_safety'), ask('有没有荧光剂和酒精啊', 'baby_safety')],
  },
  {
    key: 'onesie-class-a',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b301',
    past: [['card'], ['b', '有73码的吗'], ['a', '有的亲，66、73、80、90都有货哦']],
    script: [ask('是A类的吗，宝宝皮肤嫩', 'baby_safety'), ask('上次买别家的线头特别多，你们家的做工怎么样', 'quality')],
  },
  {
    key: 'shoes-size',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b307',
    past: [['card']],
    script: [ask('宝宝脚长12.5厘米，穿哪个码', 'size'), ask('要不要买大一码，长得太快了', 'size')],
  },
  {
    key: 'blender-first-use',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b309',
    past: [
      ['s', '订单已签收'],
      ['b', '辅食机收到了'],
      ['a', '亲收到就好～有问题随时找小柚哈'],
    ],
    script: [ask('第一次用要怎么消毒啊', 'usage', 'baby_safety'), ask('能打肉泥吗，会不会打不碎', 'usage')],
  },
  {
    key: 'seat-certified',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b312',
    past: [['card'], ['b', '这个安全座椅重不重'], ['a', '亲，整椅大概11公斤，ISOFIX接口安装很方便的']],
    script: [
      ask('新生儿可以反向装吗', 'baby_safety', 'usage'),
      ask('有3C认证吗，这个最重要', 'baby_safety', 'authenticity'),
    ],
  },
  {
    key: 'stroller-warranty',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b310',
    past: [['s', '买家从「我的订单」进入咨询']],
    script: [
      ask('推车用了三个月，前轮一推就咯吱咯吱响', 'after_sales', 'quality'),
      ask('还在保修期吧，不行能换个新的吗', 'after_sales', 'return_refund'),
    ],
  },
  {
    key: 'diapers-urgent',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b311',
    past: [['card']],
    script: [ask('L码还有货吗，家里快用完了', 'stock'), ask('今天能发吗，急用', 'shipping')],
  },
  {
    key: 'tw-toothpaste',
    lang: 'zh-TW',
    category: 'baby',
    product: 'b305',
    past: [['card']],
    script: [
      ask('寶寶兩歲，刷牙都會吞下去，這個真的可以吞嗎？', 'baby_safety'),
      ask('含氟會不會有問題', 'baby_safety'),
    ],
  },
  {
    key: 'en-sleeping-bag',
    lang: 'en',
    category: 'baby',
    product: 'b308',
    past: [['card']],
    script: [
      ask('Hi! Which size should I get for a 9-month-old, about 75 cm?', 'size'),
      ask('Is the lining pure cotton? She gets rashes easily.', 'baby_safety', 'quality'),
    ],
  },
];
