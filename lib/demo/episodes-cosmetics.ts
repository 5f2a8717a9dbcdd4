import { ask, type Episode } from './episode';

/** Cosmetics: is it genuine, will it suit my skin, does it work, how do I use it. */
export const COSMETICS_EPISODES: Episode[] = [
  {
    key: 'lipstick-genuine', lang: 'zh-CN', category: 'cosmetics', product: 'm204',
    past: [['s', '买家从「商品详情页」进入咨询'], ['card']],
    script: [ask('这个是正品吗，不会是假的吧', 'authenticity'), ask('有没有防伪码可以查的', 'authenticity')],
  },
  {
    key: 'serum-cheap', lang: 'zh-CN', category: 'cosmetics', product: 'm201',
    past: [['card'], ['b', '这个精华多少毫升'], ['a', '亲，是30ml的哦，正常早晚用能用两个月左右']],
    script: [ask('怎么比别家便宜这么多，是不是快过期的', 'authenticity', 'price'), ask('生产日期是什么时候的呀', 'authenticity')],
  },
  {
    key: 'cream-sensitive', lang: 'zh-CN', category: 'cosmetics', product: 'm206',
    past: [['card']],
    script: [ask('我是敏感肌，一换季脸就泛红，这个能用吗', 'skin_safety'), ask('另外我在备孕，里面有没有什么孕妇不能用的成分', 'skin_safety')],
  },
  {
    key: 'sunscreen-acne', lang: 'zh-CN', category: 'cosmetics', product: 'm205',
    past: [['b', '你们家防晒是物理的还是化学的'], ['a', '亲，这款是物化结合的，质地比较清透～']],
    script: [ask('我是大油皮，用了会不会闷痘啊', 'skin_safety'), ask('含酒精吗，我一碰酒精就刺痛', 'skin_safety')],
  },
  {
    key: 'serum-order', lang: 'zh-CN', category: 'cosmetics', product: 'm201',
    past: [['s', '订单已签收'], ['b', '精华收到了'], ['a', '亲收到啦～使用中有任何问题都可以问小柚哦']],
    script: [ask('这个是先用水还是先用精华啊', 'usage'), ask('白天能用吗，会不会见光变黑', 'usage', 'skin_safety'), ask('大概用多久能看到提亮效果呀', 'efficacy')],
  },
  {
    key: 'cleansing-oil', lang: 'zh-CN', category: 'cosmetics', product: 'm208',
    past: [['card']],
    script: [ask('卸妆油要先乳化吗，之前用别的牌子老是糊眼睛', 'usage'), ask('干手干脸用对吧？', 'usage')],
  },
  {
    key: 'mask-allergy', lang: 'zh-CN', category: 'cosmetics', product: 'm209',
    past: [['s', '订单已签收']],
    script: [ask('面膜拆了一片，敷完脸上起小红疹了', 'skin_safety'), ask('剩下九片没拆，能退吗', 'return_refund')],
  },
  {
    key: 'cushion-damaged', lang: 'zh-CN', category: 'cosmetics', product: 'm207',
    past: [['b', '在吗在吗'], ['a', '在的亲～']],
    script: [ask('快递到的时候盒子都压扁了，气垫粉底碎了一角', 'after_sales'), ask('我拍了照片，你们怎么处理', 'after_sales')],
  },
  {
    key: 'set-double11', lang: 'zh-CN', category: 'cosmetics', product: 'm212',
    past: [['card'], ['b', '这个套装送女朋友合适吗'], ['a', '很合适呢亲，礼盒包装，还可以免费写贺卡哦～']],
    script: [ask('双十一都过了，后面还会不会更便宜啊，现在买亏不亏', 'price'), ask('能多送点小样吗', 'price')],
  },
  {
    key: 'lotion-stock', lang: 'zh-CN', category: 'cosmetics', product: 'm203',
    past: [['card']],
    script: [ask('身体乳买二送一的活动还有吗', 'price', 'stock'), ask('页面显示库存0了，是卖完了吗，还会不会补', 'stock')],
  },
  {
    key: 'tw-genuine', lang: 'zh-TW', category: 'cosmetics', product: 'm210',
    past: [['card']],
    script: [ask('請問這是正品嗎？有沒有中文標籤', 'authenticity'), ask('寄到台灣大概要幾天呢', 'shipping')],
  },
  {
    key: 'en-fragrance', lang: 'en', category: 'cosmetics', product: 'm206',
    past: [['card']],
    script: [ask('Is this cream fragrance free? I have very sensitive skin and a bit of eczema.', 'skin_safety'), ask('Can I return it if it does not suit me?', 'return_refund')],
  },
  {
    key: 'eyecream-effect', lang: 'zh-CN', category: 'cosmetics', product: 'm210',
    past: [['card'], ['b', '这个眼霜是什么质地的'], ['a', '亲，是轻薄的乳霜质地，好推开不油腻哦']],
    script: [ask('真的能淡化细纹吗，我眼角干纹挺明显的', 'efficacy'), ask('一般要用多久才看得出效果', 'efficacy')],
  },
  {
    key: 'eyecream-late', lang: 'zh-CN', category: 'cosmetics', product: 'm210',
    past: [['s', '买家已付款'], ['b', '大概什么时候发货'], ['a', '亲，正常48小时内发出的哦']],
    script: [ask('都两天了怎么还没发货', 'shipping'), ask('物流一直不更新，是不是漏发了', 'shipping')],
  },
];
