/**
 * When one concern's words are only the wording of another (issue 23's false-alarm review): a finding of
 * `concern` whose every hit is one of `terms` is dropped when the message also raises one of `to`.
 *
 * - A replacement asked for because something is broken ("坏了能换一个吗") is after-sales (换新, the
 *   taxonomy's `after_sales`), not an exchange; "能换个颜色吗" alone stays `return_refund`.
 * - A low price given as the reason for a doubt ("这么便宜，质量好吗", "比官网便宜两百，是不是高仿") is that
 *   doubt only, as the labelling conventions say; asking for a lower price ("能便宜点吗") is a price word of
 *   its own (便宜点, 能便宜, 便宜吗…) and always counts.
 * - "怎么操作" / "怎么弄" after a return or refund asks how to return, not how to use the item.
 * - "还没发货" / "还没到" said to cancel or refuse the order ("还没发货能取消吗") is the cancellation only.
 *
 * Ids that a taxonomy does not have are skipped; the shop's own rules (RuleRef.own) never yield.
 */
export interface ConcernYield {
  concern: string;
  to: string[];
  terms: string[];
  /** When given, the other concern must rest on one of these words (a rule's hit, or the model's n-gram inside one). */
  toTerms?: string[];
}

export const DEFAULT_YIELDS: ConcernYield[] = [
  {
    concern: 'return_refund',
    to: ['after_sales'],
    terms: [
      '换一个',
      '能换',
      '可以换',
      '换成',
      '换别的',
      '换一件',
      'exchange',
      'exchanged',
      '換過',
      '換唔換得',
      '換貨',
      '换货',
    ],
  },
  { concern: 'price', to: ['authenticity', 'quality'], terms: ['便宜', 'cheap', 'cheaper', '价格', '价钱', '價錢'] },
  { concern: 'usage', to: ['return_refund'], terms: ['怎么操作', '怎么弄', '咋弄', '怎么搞', '怎么使用', '怎么用'] },
  {
    concern: 'shipping',
    to: ['return_refund'],
    terms: ['发货', '还没发', '还没到', '没动', '拒收', '出货', '出貨', '還沒收到'],
    toTerms: [
      '不想要了',
      '取消订单',
      '能取消',
      '取消吗',
      '取消了',
      '取消一下',
      '帮我取消',
      '就取消吧',
      '取消吧',
      '取消訂單',
      'cancel',
      'cancellation',
    ],
  },
];

/**
 * Words that settle one concern in a clause that asks nothing: the parcel came ("快递到了，谢谢"), the
 * resend or replacement came ("收到补发的了"). Unlike the closing markers (markers.ts), they settle only
 * their own concern, so "快递到了，屏幕碎了" still raises after-sales.
 */
export const DEFAULT_SETTLED: Record<string, string[]> = {
  shipping: [
    '快递到了',
    '快递已到',
    '快递收到',
    '收到快递',
    '包裹到了',
    '包裹收到',
    '收到包裹',
    '东西到了',
    '货到了',
    '到货了',
    '送上楼了',
    '送上门了',
    '取到了',
    '拿到了',
    '拿到快递',
    'parcel arrived',
    'package arrived',
    'order arrived',
    'item arrived',
    'received the parcel',
    'received my parcel',
    'received my order',
    'got the parcel',
    '已经到了',
    '到咗',
    '收到咗',
    '收到了',
  ],
  stock: ['到货了'],
  after_sales: [
    '收到补发',
    '补发的收到',
    '补发收到',
    '补发的已经收到',
    '换的收到',
    '新的收到',
    '已经修好',
    '修好了',
    '换好了',
  ],
};
