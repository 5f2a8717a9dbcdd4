import { ask, type Episode } from './episode';

/** Shop-wide questions: invoices, returns, addresses, member prices, missing items. */
export const OTHER_EPISODES: Episode[] = [
  {
    key: 'gift-invoice',
    lang: 'zh-CN',
    category: 'cosmetics',
    product: 'm211',
    past: [['card']],
    script: [ask('公司年会要买50份护手霜，能开增值税发票吗', 'invoice'), ask('量这么大有没有优惠', 'price')],
  },
  {
    key: 'seven-days',
    lang: 'zh-CN',
    category: 'clothing',
    product: 'c108',
    past: [
      ['b', '卫衣收到了，上身效果一般'],
      ['a', '亲，是尺码不合适还是款式不喜欢呢？可以帮您看看换款～'],
    ],
    script: [ask('就是不太喜欢，七天无理由能退吧', 'return_refund'), ask('退的话运费是我出吗', 'return_refund')],
  },
  {
    key: 'wrong-address',
    lang: 'zh-CN',
    category: 'baby',
    product: 'b303',
    past: [
      ['s', '买家已下单：柚宝 宝宝硅胶软勺辅食喂养勺2支装'],
      ['s', '买家已付款'],
    ],
    script: [ask('哎呀地址写错了，能帮我改一下吗', 'shipping'), ask('还没发货吧？改成公司地址', 'shipping')],
  },
  {
    key: 'member-price',
    lang: 'zh-CN',
    category: 'cosmetics',
    product: 'm202',
    past: [
      ['b', '洗面奶又来回购了哈哈'],
      ['a', '谢谢亲一直支持暖柚家～'],
    ],
    script: [
      ask('我都买了好几次了，有没有会员价啊', 'price'),
      ask('上次给的优惠券过期了没用上，能再领一张吗', 'price'),
    ],
  },
  {
    key: 'missing-item',
    lang: 'zh-CN',
    category: 'clothing',
    product: 'c112',
    past: [['s', '订单已签收']],
    script: [
      ask('我买了两条打底裤，包裹里只有一条', 'after_sales'),
      ask('快递袋是好的，应该是你们少发了', 'after_sales'),
    ],
  },
];
